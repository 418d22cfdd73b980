"""Notice now belongs to the notices app (its 0001 took over the table): drop it from
adjudication's state only."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("adjudication", "0002_program_withdrawal"),
        ("notices", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Notice")],
            database_operations=[],
        ),
    ]
