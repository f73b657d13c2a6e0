from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person who logs in with an email address; roles come from memberships."""

    username = None
    email = models.EmailField(_("e-mailadres"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    def __str__(self):
        return self.get_full_name() or self.email


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Netwerkcoördinator")
    BACKOFFICE = "backoffice", _("Backoffice")
    CORE_GROUP = "core_group", _("Kerngroeplid")
    PARTNER_CONTACT = "partner_contact", _("Contactpersoon partner")
    PUBLIC_ADVISOR = "public_advisor", _("Adviseur publieke partner")
    STEERING = "steering", _("Stuurgroep / klankbordgroep")
    EDITOR = "editor", _("Redacteur wegwijzer")


class Membership(models.Model):
    """A user's role in one network. One person may hold different roles in different networks."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    network = models.ForeignKey("networks.Network", on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        help_text=_("Voor contactpersonen van partners en adviseurs van publieke partners."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [
            models.UniqueConstraint(fields=["user", "network"], name="one_membership_per_network"),
            models.CheckConstraint(
                condition=~models.Q(role__in=["partner_contact", "public_advisor"])
                | models.Q(organisation__isnull=False),
                name="organisation_roles_name_an_organisation",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} ({self.network})"
