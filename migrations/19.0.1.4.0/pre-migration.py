"""The ticket's return-visit fields are named return_visit_* (they were
visit_*, a word the customer visits use too): their columns, field records,
external ids and indexes are renamed before the update, so that nothing
recorded is lost, and the stored views name the new fields and the renamed
button before Odoo validates them."""

RENAMED = (
    "date",
    "user_id",
    "solved",
    "satisfaction",
    "opinion",
    "score",
    "due_date",
    "manual",
    "alerted",
    "state",
    "next_check",
)
MODULE = "helpdesk_property_info"
RENAMED_METHODS = {
    "action_open_schedule_visit_wizard": "action_open_schedule_return_visit_wizard",
}


def _column_exists(cr, table, column):
    cr.execute(
        "SELECT 1 FROM information_schema.columns "
        "WHERE table_name = %s AND column_name = %s",
        (table, column),
    )
    return bool(cr.rowcount)


def migrate(cr, version):
    for suffix in RENAMED:
        old, new = f"visit_{suffix}", f"return_visit_{suffix}"
        if not _column_exists(cr, "helpdesk_ticket", old) or _column_exists(
            cr, "helpdesk_ticket", new
        ):
            continue
        cr.execute(f'ALTER TABLE helpdesk_ticket RENAME COLUMN "{old}" TO "{new}"')
        cr.execute(
            "UPDATE ir_model_fields SET name = %s "
            "WHERE model = 'helpdesk.ticket' AND name = %s",
            (new, old),
        )
        cr.execute(
            "UPDATE ir_model_data SET name = replace(name, %s, %s) "
            "WHERE module = %s AND (name = %s OR name LIKE %s)",
            (
                f"__{old}",
                f"__{new}",
                MODULE,
                f"field_helpdesk_ticket__{old}",
                f"selection__helpdesk_ticket__{old}__%",
            ),
        )
    cr.execute(
        "ALTER INDEX IF EXISTS helpdesk_ticket_visit_next_check_idx "
        "RENAME TO helpdesk_ticket_return_visit_next_check_idx"
    )
    cr.execute(
        "ALTER INDEX IF EXISTS helpdesk_ticket__visit_state_index "
        "RENAME TO helpdesk_ticket__return_visit_state_index"
    )
    words = "|".join(RENAMED)
    cr.execute(
        r"""
        UPDATE ir_ui_view
           SET arch_db = regexp_replace(
                   arch_db::text, %s, 'return_visit_\1', 'g')::jsonb
         WHERE arch_db::text ~ %s
        """,
        (rf"\mvisit_({words})\M", rf"\mvisit_({words})\M"),
    )
    for old, new in RENAMED_METHODS.items():
        cr.execute(
            "UPDATE ir_ui_view SET arch_db = replace(arch_db::text, %s, %s)::jsonb "
            "WHERE arch_db::text LIKE %s",
            (old, new, f"%{old}%"),
        )
