"""The Notice model moves here from adjudication: the state is created over the existing table,
which is then renamed; its rows, ids and constraints stay."""

import django.db.models.deletion
from django.db import migrations, models

import lifeline.core.clock


def _move_content_type(apps, schema_editor, *, old: str, new: str) -> None:
    """Keep the notice's content type (and the permissions on it) under its new app label."""
    content_type = apps.get_model("contenttypes", "ContentType")
    if not content_type.objects.filter(app_label=new, model="notice").exists():
        content_type.objects.filter(app_label=old, model="notice").update(app_label=new)


def forwards(apps, schema_editor):
    _move_content_type(apps, schema_editor, old="adjudication", new="notices")


def backwards(apps, schema_editor):
    _move_content_type(apps, schema_editor, old="notices", new="adjudication")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("adjudication", "0002_program_withdrawal"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("intake", "0003_program_version_review"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Notice",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(
                                default=lifeline.core.clock.now, editable=False
                            ),
                        ),
                        ("updated_at", models.DateTimeField(default=lifeline.core.clock.now)),
                        (
                            "key",
                            models.CharField(
                                help_text="What the notice is for.", max_length=80, unique=True
                            ),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("approval", "Approval notice"),
                                    ("denial", "Denial notice"),
                                    ("closure", "Closure notice"),
                                    ("evidence_request", "Request for evidence"),
                                    ("payment", "Parole fee payment notice"),
                                    ("travel_authorization", "Travel authorization"),
                                    ("reparole_window", "Re-parole window notice"),
                                    ("termination", "Notice of parole termination"),
                                ],
                                max_length=24,
                            ),
                        ),
                        ("language", models.CharField(max_length=10)),
                        ("verification_code", models.CharField(max_length=24, unique=True)),
                        ("issuer", models.CharField(max_length=120)),
                        ("issued_at", models.DateTimeField()),
                        (
                            "context",
                            models.JSONField(help_text="What the notice says, as rendered."),
                        ),
                        ("storage_name", models.CharField(blank=True, max_length=200)),
                        ("sha256", models.CharField(blank=True, max_length=64)),
                        ("revoked_at", models.DateTimeField(blank=True, null=True)),
                        ("revoked_reason", models.CharField(blank=True, max_length=200)),
                        (
                            "request",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="notices",
                                to="intake.parolerequest",
                            ),
                        ),
                    ],
                    options={"db_table": "adjudication_notice"},
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="notice", table=None),
        migrations.RunPython(forwards, backwards),
    ]
