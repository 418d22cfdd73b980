"""A decision records the concerns its officer overrode and why."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("adjudication", "0003_notice_moves_to_notices")]

    operations = [
        migrations.AddField(
            model_name="decision",
            name="overrides",
            field=models.JSONField(
                default=list,
                help_text="[{kind, id, text}] failed rules or missing evidence overridden.",
            ),
        ),
        migrations.AddField(
            model_name="decision",
            name="override_reason",
            field=models.TextField(blank=True, help_text="Why the officer overrode them."),
        ),
    ]
