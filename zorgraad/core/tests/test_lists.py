from django import forms
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from zorgraad.core.forms import add_service_error
from zorgraad.core.lists import paginate


def test_paginate_keeps_the_filters_but_not_the_page() -> None:
    request = RequestFactory().get("/", {"q": "huisarts", "page": "2", "sector": "3"})
    page, query = paginate(request, list(range(60)))
    assert page.number == 2 and list(page.object_list) == list(range(25, 50))
    assert query == "q=huisarts&sector=3"


def test_paginate_out_of_range_gives_the_last_page() -> None:
    page, query = paginate(RequestFactory().get("/", {"page": "99"}), list(range(30)), per_page=20)
    assert page.number == 2 and len(page.object_list) == 10
    assert query == ""


class _Form(forms.Form):
    name = forms.CharField()


def test_add_service_error_on_the_field_or_on_top() -> None:
    form = _Form({"name": "x"})
    assert form.is_valid()
    add_service_error(form, ValidationError({"name": "Naam fout.", "elders": "Iets anders fout."}))
    assert form.errors["name"] == ["Naam fout."]
    assert form.non_field_errors() == ["Iets anders fout."]
    other = _Form({"name": "x"})
    assert other.is_valid()
    add_service_error(other, ValidationError("Dat lukte niet."))
    assert other.non_field_errors() == ["Dat lukte niet."]
