"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-25 00:32:43.838688
"""

from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


SQLITE_SEARCH = (
    "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, content='search_documents', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER search_documents_ai AFTER INSERT ON search_documents BEGIN "
    "INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
    "CREATE TRIGGER search_documents_ad AFTER DELETE ON search_documents BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, title, body) "
    "VALUES ('delete', old.id, old.title, old.body); END",
    "CREATE TRIGGER search_documents_au AFTER UPDATE ON search_documents BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, title, body) "
    "VALUES ('delete', old.id, old.title, old.body); "
    "INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
)
POSTGRESQL_SEARCH = (
    "ALTER TABLE search_documents ADD COLUMN document tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple', title), 'A') || "
    "setweight(to_tsvector('simple', body), 'B')) STORED",
    "CREATE INDEX ix_search_documents_document ON search_documents USING gin (document)",
)


def create_search_index() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in SQLITE_SEARCH if sqlite else POSTGRESQL_SEARCH:
        op.execute(statement)


def upgrade() -> None:
    op.create_table('changes',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('entity', sa.String(length=80), nullable=False),
    sa.Column('record_id', sa.Uuid(), nullable=False),
    sa.Column('action', sa.String(length=10), nullable=False),
    sa.Column('subject', sa.String(length=80), nullable=True),
    sa.Column('field', sa.String(length=80), nullable=True),
    sa.Column('old_value', sa.Text(), nullable=True),
    sa.Column('new_value', sa.Text(), nullable=True),
    sa.Column('changed_by', sa.String(length=200), nullable=False),
    sa.Column('changed_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_changes'))
    )
    with op.batch_alter_table('changes', schema=None) as batch_op:
        batch_op.create_index('ix_changes_record', ['record_id', 'changed_at'], unique=False)

    op.create_table('number_counters',
    sa.Column('series', sa.String(length=20), nullable=False),
    sa.Column('last', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('series', name=op.f('pk_number_counters'))
    )
    op.create_table('organisations',
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=80), nullable=False),
    sa.Column('status', sa.String(length=80), nullable=False),
    sa.Column('address', sa.Text(), nullable=True),
    sa.Column('website', sa.String(length=255), nullable=True),
    sa.Column('email', sa.String(length=255), nullable=True),
    sa.Column('phone', sa.String(length=80), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organisations'))
    )
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_organisations_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_organisations_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_organisations_status'), ['status'], unique=False)

    op.create_table('partnerships',
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('purpose', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=80), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('signed_on', sa.Date(), nullable=True),
    sa.Column('review_cadence', sa.String(length=80), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partnerships'))
    )
    with op.batch_alter_table('partnerships', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partnerships_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_partnerships_title'), ['title'], unique=False)

    op.create_table('search_documents',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('entity', sa.String(length=80), nullable=False),
    sa.Column('record_id', sa.Uuid(), nullable=False),
    sa.Column('label', sa.Text(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_search_documents')),
    sa.UniqueConstraint('record_id', name=op.f('uq_search_documents_record_id'))
    )
    with op.batch_alter_table('search_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_search_documents_entity'), ['entity'], unique=False)

    op.create_table('settings',
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('value', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_settings'))
    )
    op.create_table('agreement_terms',
    sa.Column('partnership_id', sa.Uuid(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('heading', sa.String(length=200), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['partnership_id'], ['partnerships.id'], name=op.f('fk_agreement_terms_partnership_id_partnerships'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement_terms'))
    )
    with op.batch_alter_table('agreement_terms', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_terms_partnership_id'), ['partnership_id'], unique=False)

    op.create_table('conflicts',
    sa.Column('partnership_id', sa.Uuid(), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('raised_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=80), nullable=False),
    sa.Column('mediator', sa.String(length=255), nullable=True),
    sa.Column('resolution', sa.Text(), nullable=True),
    sa.Column('resolved_on', sa.Date(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['partnership_id'], ['partnerships.id'], name=op.f('fk_conflicts_partnership_id_partnerships'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_conflicts'))
    )
    with op.batch_alter_table('conflicts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_conflicts_partnership_id'), ['partnership_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_conflicts_raised_on'), ['raised_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_conflicts_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_conflicts_title'), ['title'], unique=False)

    op.create_table('contacts',
    sa.Column('organisation_id', sa.Uuid(), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=255), nullable=True),
    sa.Column('email', sa.String(length=255), nullable=True),
    sa.Column('phone', sa.String(length=80), nullable=True),
    sa.Column('language', sa.String(length=80), nullable=True),
    sa.Column('consent_given_on', sa.Date(), nullable=True),
    sa.Column('consent_purpose', sa.Text(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_contacts_organisation_id_organisations'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contacts'))
    )
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contacts_email'), ['email'], unique=False)
        batch_op.create_index(batch_op.f('ix_contacts_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_contacts_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('goals',
    sa.Column('partnership_id', sa.Uuid(), nullable=True),
    sa.Column('owner_id', sa.Uuid(), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('indicator', sa.String(length=255), nullable=True),
    sa.Column('baseline', sa.Double(), nullable=True),
    sa.Column('target', sa.Double(), nullable=True),
    sa.Column('unit', sa.String(length=80), nullable=True),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=80), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['organisations.id'], name=op.f('fk_goals_owner_id_organisations'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['partnership_id'], ['partnerships.id'], name=op.f('fk_goals_partnership_id_partnerships'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_goals'))
    )
    with op.batch_alter_table('goals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_goals_due_date'), ['due_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_goals_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_goals_partnership_id'), ['partnership_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_goals_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_goals_title'), ['title'], unique=False)

    op.create_table('meetings',
    sa.Column('partnership_id', sa.Uuid(), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('place', sa.String(length=255), nullable=True),
    sa.Column('online', sa.Boolean(), nullable=False),
    sa.Column('agenda', sa.Text(), nullable=True),
    sa.Column('minutes', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['partnership_id'], ['partnerships.id'], name=op.f('fk_meetings_partnership_id_partnerships'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meetings'))
    )
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meetings_held_on'), ['held_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_meetings_partnership_id'), ['partnership_id'], unique=False)

    op.create_table('organisation_tags',
    sa.Column('organisation_id', sa.Uuid(), nullable=False),
    sa.Column('category', sa.String(length=80), nullable=False),
    sa.Column('label', sa.String(length=80), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_organisation_tags_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organisation_tags')),
    sa.UniqueConstraint('organisation_id', 'category', 'label', name=op.f('uq_organisation_tags_organisation_id'))
    )
    with op.batch_alter_table('organisation_tags', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_organisation_tags_label'), ['label'], unique=False)
        batch_op.create_index(batch_op.f('ix_organisation_tags_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('partnership_partners',
    sa.Column('partnership_id', sa.Uuid(), nullable=False),
    sa.Column('organisation_id', sa.Uuid(), nullable=False),
    sa.Column('role', sa.String(length=255), nullable=True),
    sa.Column('responsibilities', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_partnership_partners_organisation_id_organisations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['partnership_id'], ['partnerships.id'], name=op.f('fk_partnership_partners_partnership_id_partnerships'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partnership_partners')),
    sa.UniqueConstraint('partnership_id', 'organisation_id', name=op.f('uq_partnership_partners_partnership_id'))
    )
    with op.batch_alter_table('partnership_partners', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partnership_partners_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_partnership_partners_partnership_id'), ['partnership_id'], unique=False)

    op.create_table('signatories',
    sa.Column('partnership_id', sa.Uuid(), nullable=False),
    sa.Column('organisation_id', sa.Uuid(), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=255), nullable=True),
    sa.Column('place', sa.String(length=255), nullable=True),
    sa.Column('signed_on', sa.Date(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_signatories_organisation_id_organisations'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['partnership_id'], ['partnerships.id'], name=op.f('fk_signatories_partnership_id_partnerships'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_signatories'))
    )
    with op.batch_alter_table('signatories', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_signatories_partnership_id'), ['partnership_id'], unique=False)

    op.create_table('conflict_parties',
    sa.Column('conflict_id', sa.Uuid(), nullable=False),
    sa.Column('organisation_id', sa.Uuid(), nullable=True),
    sa.Column('contact_id', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['conflict_id'], ['conflicts.id'], name=op.f('fk_conflict_parties_conflict_id_conflicts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['contact_id'], ['contacts.id'], name=op.f('fk_conflict_parties_contact_id_contacts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_conflict_parties_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_conflict_parties'))
    )
    with op.batch_alter_table('conflict_parties', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_conflict_parties_conflict_id'), ['conflict_id'], unique=False)

    op.create_table('conflict_steps',
    sa.Column('conflict_id', sa.Uuid(), nullable=False),
    sa.Column('taken_on', sa.Date(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['conflict_id'], ['conflicts.id'], name=op.f('fk_conflict_steps_conflict_id_conflicts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_conflict_steps'))
    )
    with op.batch_alter_table('conflict_steps', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_conflict_steps_conflict_id'), ['conflict_id'], unique=False)

    op.create_table('decisions',
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=False),
    sa.Column('context', sa.Text(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('rationale', sa.Text(), nullable=True),
    sa.Column('decided_by', sa.String(length=255), nullable=True),
    sa.Column('votes_for', sa.Integer(), nullable=True),
    sa.Column('votes_against', sa.Integer(), nullable=True),
    sa.Column('votes_abstain', sa.Integer(), nullable=True),
    sa.Column('consensus', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=80), nullable=False),
    sa.Column('supersedes_id', sa.Uuid(), nullable=True),
    sa.Column('partnership_id', sa.Uuid(), nullable=True),
    sa.Column('goal_id', sa.Uuid(), nullable=True),
    sa.Column('meeting_id', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['goal_id'], ['goals.id'], name=op.f('fk_decisions_goal_id_goals'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_decisions_meeting_id_meetings'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['partnership_id'], ['partnerships.id'], name=op.f('fk_decisions_partnership_id_partnerships'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['supersedes_id'], ['decisions.id'], name=op.f('fk_decisions_supersedes_id_decisions'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decisions')),
    sa.UniqueConstraint('number', name=op.f('uq_decisions_number'))
    )
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decisions_decided_on'), ['decided_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_decisions_goal_id'), ['goal_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_decisions_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_decisions_partnership_id'), ['partnership_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_decisions_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_decisions_supersedes_id'), ['supersedes_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_decisions_title'), ['title'], unique=False)

    op.create_table('evaluations',
    sa.Column('partnership_id', sa.Uuid(), nullable=True),
    sa.Column('goal_id', sa.Uuid(), nullable=True),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('rating_overall', sa.Integer(), nullable=True),
    sa.Column('rating_cooperation', sa.Integer(), nullable=True),
    sa.Column('successes', sa.Text(), nullable=True),
    sa.Column('lessons', sa.Text(), nullable=True),
    sa.Column('next_steps', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['goal_id'], ['goals.id'], name=op.f('fk_evaluations_goal_id_goals'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['partnership_id'], ['partnerships.id'], name=op.f('fk_evaluations_partnership_id_partnerships'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evaluations'))
    )
    with op.batch_alter_table('evaluations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evaluations_goal_id'), ['goal_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_evaluations_partnership_id'), ['partnership_id'], unique=False)

    op.create_table('meeting_attendees',
    sa.Column('meeting_id', sa.Uuid(), nullable=False),
    sa.Column('contact_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['contact_id'], ['contacts.id'], name=op.f('fk_meeting_attendees_contact_id_contacts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_meeting_attendees_meeting_id_meetings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('meeting_id', 'contact_id', name=op.f('pk_meeting_attendees'))
    )
    op.create_table('progress_updates',
    sa.Column('goal_id', sa.Uuid(), nullable=False),
    sa.Column('recorded_on', sa.Date(), nullable=False),
    sa.Column('value', sa.Double(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['goal_id'], ['goals.id'], name=op.f('fk_progress_updates_goal_id_goals'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_progress_updates'))
    )
    with op.batch_alter_table('progress_updates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_progress_updates_goal_id'), ['goal_id'], unique=False)

    op.create_table('conflict_decisions',
    sa.Column('conflict_id', sa.Uuid(), nullable=False),
    sa.Column('decision_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['conflict_id'], ['conflicts.id'], name=op.f('fk_conflict_decisions_conflict_id_conflicts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['decision_id'], ['decisions.id'], name=op.f('fk_conflict_decisions_decision_id_decisions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('conflict_id', 'decision_id', name=op.f('pk_conflict_decisions'))
    )
    create_search_index()
    # ### end Alembic commands ###


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE search_fts")
    # ### commands auto generated by Alembic - please adjust! ###
    op.drop_table('conflict_decisions')
    with op.batch_alter_table('progress_updates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_progress_updates_goal_id'))

    op.drop_table('progress_updates')
    op.drop_table('meeting_attendees')
    with op.batch_alter_table('evaluations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evaluations_partnership_id'))
        batch_op.drop_index(batch_op.f('ix_evaluations_goal_id'))

    op.drop_table('evaluations')
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decisions_title'))
        batch_op.drop_index(batch_op.f('ix_decisions_supersedes_id'))
        batch_op.drop_index(batch_op.f('ix_decisions_status'))
        batch_op.drop_index(batch_op.f('ix_decisions_partnership_id'))
        batch_op.drop_index(batch_op.f('ix_decisions_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_decisions_goal_id'))
        batch_op.drop_index(batch_op.f('ix_decisions_decided_on'))

    op.drop_table('decisions')
    with op.batch_alter_table('conflict_steps', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_conflict_steps_conflict_id'))

    op.drop_table('conflict_steps')
    with op.batch_alter_table('conflict_parties', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_conflict_parties_conflict_id'))

    op.drop_table('conflict_parties')
    with op.batch_alter_table('signatories', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_signatories_partnership_id'))

    op.drop_table('signatories')
    with op.batch_alter_table('partnership_partners', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_partnership_partners_partnership_id'))
        batch_op.drop_index(batch_op.f('ix_partnership_partners_organisation_id'))

    op.drop_table('partnership_partners')
    with op.batch_alter_table('organisation_tags', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_organisation_tags_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_organisation_tags_label'))

    op.drop_table('organisation_tags')
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meetings_partnership_id'))
        batch_op.drop_index(batch_op.f('ix_meetings_held_on'))

    op.drop_table('meetings')
    with op.batch_alter_table('goals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_goals_title'))
        batch_op.drop_index(batch_op.f('ix_goals_status'))
        batch_op.drop_index(batch_op.f('ix_goals_partnership_id'))
        batch_op.drop_index(batch_op.f('ix_goals_owner_id'))
        batch_op.drop_index(batch_op.f('ix_goals_due_date'))

    op.drop_table('goals')
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contacts_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_contacts_name'))
        batch_op.drop_index(batch_op.f('ix_contacts_email'))

    op.drop_table('contacts')
    with op.batch_alter_table('conflicts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_conflicts_title'))
        batch_op.drop_index(batch_op.f('ix_conflicts_status'))
        batch_op.drop_index(batch_op.f('ix_conflicts_raised_on'))
        batch_op.drop_index(batch_op.f('ix_conflicts_partnership_id'))

    op.drop_table('conflicts')
    with op.batch_alter_table('agreement_terms', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_terms_partnership_id'))

    op.drop_table('agreement_terms')
    op.drop_table('settings')
    with op.batch_alter_table('search_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_search_documents_entity'))

    op.drop_table('search_documents')
    with op.batch_alter_table('partnerships', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_partnerships_title'))
        batch_op.drop_index(batch_op.f('ix_partnerships_status'))

    op.drop_table('partnerships')
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_organisations_status'))
        batch_op.drop_index(batch_op.f('ix_organisations_name'))
        batch_op.drop_index(batch_op.f('ix_organisations_kind'))

    op.drop_table('organisations')
    op.drop_table('number_counters')
    with op.batch_alter_table('changes', schema=None) as batch_op:
        batch_op.drop_index('ix_changes_record')

    op.drop_table('changes')
    # ### end Alembic commands ###
