"""Once wrote version 2's safety section and stress-action examples, into the published version.

Catalogue content no longer comes from migrations: versions 1 and 2 are data files in
hechting/catalogue/, installed by `manage.py catalogue_install`. A database that ran the old form
of this migration holds the same content (tests/hechting/test_catalogue.py).
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("hechting", "0007_meldcode_and_stress_actions")]

    operations = []
