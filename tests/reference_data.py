"""Rows that data migrations ship (labour-market regions, postcode areas). Tests on a live server run in
transactions that are flushed afterwards, which empties these tables for the tests that follow; this puts
them back with the migrations' own functions."""

import importlib

from django.apps import apps


def ensure_reference_data() -> None:
    if not apps.get_model("networks", "LabourMarketRegion").objects.exists():
        importlib.import_module("spil.networks.migrations.0002_labour_market_regions").add_regions(apps, None)
    if not apps.get_model("desk", "PostcodeArea").objects.exists():
        importlib.import_module("spil.desk.migrations.0002_postcode_areas").add_areas(apps, None)
