# The delegation rules of 0006 as database constraints, now that every existing row obeys them.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('registry', '0006_authority_delegations'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='delegation',
            constraint=models.CheckConstraint(condition=models.Q(('valid_to__isnull', True), ('valid_to__gte', models.F('valid_from')), _connector='OR'), name='delegation_ends_after_it_starts'),
        ),
        migrations.AddConstraint(
            model_name='delegation',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind', 'uy_quyen'), _negated=True), models.Q(('from_unit__isnull', False), ('to_kind', ''), ('to_unit__isnull', False), ('valid_to__isnull', False), models.Q(('document_number', ''), _negated=True)), _connector='OR'), name='authorisation_is_named_and_ends'),
        ),
        migrations.AddConstraint(
            model_name='delegation',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind', 'phan_cap'), _negated=True), models.Q(('to_unit__isnull', True), models.Q(('to_kind', ''), _negated=True)), models.Q(('to_unit__isnull', False), ('to_kind', '')), _connector='OR'), name='decentralisation_has_one_target'),
        ),
    ]
