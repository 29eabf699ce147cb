"""A form on a page of its own, and a service's refusal shown on its form."""

from django.shortcuts import render


def form_page(request, form, *, title, submit, status=200, back=None):
    return render(
        request,
        "observaties/form_page.html",
        {"form": form, "title": title, "submit": submit, "back": back},
        status=status,
    )


def add_service_error(form, error):
    """Put a service's ValidationError on the form, next to its field where it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
