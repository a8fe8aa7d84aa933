"""Readings of the standard corrected, on the shipped records a company has
not changed: minor and important complaints are finished within half a day
and a day (seed 001 §4), inquiries and praise call for no return visit (seed
001 §8.1), and the media reception policy's "5人以下" admits five people."""

from odoo.tools import SQL

MODULE = "helpdesk_property_info"
GRADES = {"complaint_grade_minor": 0.5, "complaint_grade_important": 1}
KINDS_WITHOUT_VISIT = ("ticket_type_inquiry", "ticket_type_praise")
VISIT_POLICY_NAME = {
    "Media or Customer Reception (fewer than 5 people)": (
        "Media or Customer Reception (5 people or fewer)"
    ),
}
VISIT_POLICY_DESCRIPTION = {
    "Receiving the media or customers visiting or meeting the company, fewer "
    "than 5 people: at most 150 yuan each, at most twice and 300 yuan a month, "
    "with a company leader's oral approval beforehand.": (
        "Receiving the media or customers visiting or meeting the company, 5 "
        "people or fewer: at most 150 yuan each, at most twice and 300 yuan a "
        "month, with a company leader's oral approval beforehand."
    ),
}


def _shipped_ids(cr, names):
    cr.execute(
        "SELECT name, res_id FROM ir_model_data WHERE module = %s AND name IN %s",
        (MODULE, tuple(names)),
    )
    return dict(cr.fetchall())


def migrate(cr, version):
    for name, grade_id in _shipped_ids(cr, GRADES).items():
        cr.execute(
            "UPDATE helpdesk_info_complaint_grade SET resolve_allowance = %s, "
            "resolve_unit = 'days', resolve_basis = 'staffed' "
            "WHERE id = %s AND resolve_allowance = 0",
            (GRADES[name], grade_id),
        )
    kinds = tuple(_shipped_ids(cr, KINDS_WITHOUT_VISIT).values())
    if kinds:
        cr.execute(
            "UPDATE helpdesk_ticket_type SET return_visit_required = FALSE "
            "WHERE id IN %s",
            (kinds,),
        )
    # Every company's copy of the standard's policy, as shipped.
    cr.execute(
        "UPDATE helpdesk_reception_policy SET max_attendees = 5 "
        "WHERE code = 'visit' AND max_attendees = 4"
    )
    for column, texts in (
        ("name", VISIT_POLICY_NAME),
        ("description", VISIT_POLICY_DESCRIPTION),
    ):
        for old, new in texts.items():
            cr.execute(
                SQL(
                    "UPDATE helpdesk_reception_policy SET %s = jsonb_set(%s, "
                    "'{en_US}', to_jsonb(%s::text)) "
                    "WHERE code = 'visit' AND %s->>'en_US' = %s",
                    SQL.identifier(column),
                    SQL.identifier(column),
                    new,
                    SQL.identifier(column),
                    old,
                )
            )
