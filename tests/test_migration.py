import importlib.util
from pathlib import Path

from odoo.tests import TransactionCase, tagged

MIGRATION = (
    Path(__file__).resolve().parent.parent
    / "migrations"
    / "19.0.1.4.0"
    / "pre-migration.py"
)


def load_migration():
    spec = importlib.util.spec_from_file_location("pre_migration_19_0_1_4_0", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install")
class TestReturnVisitRenaming(TransactionCase):
    """A database of 19.0.1.3.0 named the return visit's fields visit_*: the
    update renames them without losing what was recorded."""

    def _columns(self):
        self.env.cr.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_name = 'helpdesk_ticket' AND column_name LIKE %s",
            ("%visit_%",),
        )
        return {row[0] for row in self.env.cr.fetchall()}

    def test_the_old_fields_become_return_visit_fields_with_their_values(self):
        migration = load_migration()
        ticket = self.env["helpdesk.ticket"].search([], limit=1)
        self.env.cr.execute(
            "UPDATE helpdesk_ticket SET return_visit_opinion = 'Fixed well', "
            "return_visit_satisfaction = '5' WHERE id = %s",
            (ticket.id,),
        )
        view = self.env.ref("helpdesk_property_info.helpdesk_ticket_view_form_handling")
        self.env.flush_all()
        # The database as 19.0.1.3.0 left it.
        cr = self.env.cr
        for suffix in migration.RENAMED:
            cr.execute(
                f"ALTER TABLE helpdesk_ticket RENAME COLUMN return_visit_{suffix} "
                f"TO visit_{suffix}"
            )
            cr.execute(
                "UPDATE ir_model_fields SET name = %s "
                "WHERE model = 'helpdesk.ticket' AND name = %s",
                (f"visit_{suffix}", f"return_visit_{suffix}"),
            )
        cr.execute(
            "UPDATE ir_ui_view SET arch_db = replace(arch_db::text, "
            "'return_visit_opinion', 'visit_opinion')::jsonb WHERE id = %s",
            (view.id,),
        )
        self.assertIn("visit_opinion", self._columns())

        migration.migrate(cr, "19.0.1.3.0")

        columns = self._columns()
        self.assertFalse({c for c in columns if c.startswith("visit_")}, columns)
        cr.execute(
            "SELECT return_visit_opinion, return_visit_satisfaction "
            "FROM helpdesk_ticket WHERE id = %s",
            (ticket.id,),
        )
        self.assertEqual(cr.fetchone(), ("Fixed well", "5"))
        cr.execute(
            "SELECT count(*) FROM ir_model_fields "
            "WHERE model = 'helpdesk.ticket' AND name LIKE 'visit\\_%%'"
        )
        self.assertEqual(cr.fetchone()[0], 0)
        cr.execute("SELECT arch_db::text FROM ir_ui_view WHERE id = %s", (view.id,))
        arch = cr.fetchone()[0]
        self.assertIn("return_visit_opinion", arch)
        self.assertNotIn('"visit_opinion', arch)


def load_post_migration(version):
    path = MIGRATION.parent.parent / version / "post-migration.py"
    spec = importlib.util.spec_from_file_location(
        f"post_migration_{version.replace('.', '_')}", path
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install")
class TestStandardReadingsMigration(TransactionCase):
    """A database of 19.0.1.5.0 read three rules of the standard wrongly: the
    update corrects the shipped records a company left as they were."""

    def test_the_shipped_records_read_the_standard_after_the_update(self):
        ref = self.env.ref
        minor = ref("helpdesk_property_info.complaint_grade_minor")
        important = ref("helpdesk_property_info.complaint_grade_important")
        inquiry = ref("helpdesk_property_info.ticket_type_inquiry")
        policy = ref("helpdesk_property_info.reception_policy_visit")
        changed = important.copy({"code": "own", "resolve_allowance": 0})
        # A grade of its own: no shipped record, left as the company set it.
        # The database as 19.0.1.5.0 left it.
        (minor | important).write({"resolve_allowance": 0})
        inquiry.return_visit_required = True
        policy.write(
            {
                "max_attendees": 4,
                "name": "Media or Customer Reception (fewer than 5 people)",
            }
        )
        self.env.flush_all()
        load_post_migration("19.0.1.6.0").migrate(self.env.cr, "19.0.1.5.0")
        self.env.invalidate_all()
        self.assertRecordValues(
            minor | important | changed,
            [
                {"resolve_allowance": 0.5, "resolve_basis": "staffed"},
                {"resolve_allowance": 1, "resolve_basis": "staffed"},
                {"resolve_allowance": 0, "resolve_basis": "staffed"},
            ],
        )
        self.assertFalse(inquiry.return_visit_required)
        self.assertEqual(policy.max_attendees, 5)
        self.assertEqual(
            policy.with_context(lang="en_US").name,
            "Media or Customer Reception (5 people or fewer)",
        )
