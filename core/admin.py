"""What the admin pages of several apps share."""

from django.http import HttpResponseRedirect
from solo.admin import SingletonModelAdmin


class SingletonAdmin(SingletonModelAdmin):
    """django-solo's page for settings kept in one row. After saving, django-solo says so in
    English and goes to the index; this says `saved_message` in Dutch and stays on the page."""

    saved_message = None

    def response_change(self, request, obj):
        self.message_user(request, self.saved_message)
        return HttpResponseRedirect(request.path)
