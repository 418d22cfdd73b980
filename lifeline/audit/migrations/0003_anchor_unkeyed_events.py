"""Anchor the events sealed before audit keys existed with a first signed checkpoint.

Events written before this migration keep their plain SHA-256 seal and an empty key id; they
are not re-sealed (docs/decisions/0057). Instead, if there are any, this migration appends a
signed checkpoint of every stream head to LIFELINE_AUDIT_CHECKPOINT_PATH. That first checkpoint
pins each stream's pre-key history: `lifeline audit verify` accepts unkeyed events only up to
the sequence it recorded for their stream, and their hashes must lead to the hash it recorded.
A database without audit events needs no anchor, and nothing is written.
"""

from django.db import migrations


def anchor_unkeyed_events(apps, schema_editor):
    from lifeline.audit.checkpoints import append_checkpoint

    event_model = apps.get_model("audit", "AuditEvent")
    head_model = apps.get_model("audit", "AuditStreamHead")
    database = schema_editor.connection.alias
    if not event_model.objects.using(database).filter(key_id="").exists():
        return
    heads = {
        stream: (int(sequence), str(head))
        for stream, sequence, head in head_model.objects.using(database).values_list(
            "stream", "last_sequence", "last_hash"
        )
    }
    append_checkpoint(heads)


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0002_auditevent_key_id"),
    ]

    operations = [
        migrations.RunPython(anchor_unkeyed_events, migrations.RunPython.noop, elidable=False),
    ]
