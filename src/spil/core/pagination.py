from django.conf import settings
from django.core.paginator import Paginator


def paginate(request, queryset, per_page: int | None = None, param: str = "page"):
    """A page of the queryset; a bad or too-high page number gives the nearest valid page."""
    paginator = Paginator(queryset, per_page or settings.PAGE_SIZE)
    page = paginator.get_page(request.GET.get(param))
    page.param = param
    return page
