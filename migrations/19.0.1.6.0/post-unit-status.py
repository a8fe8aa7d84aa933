"""A unit's status is no longer set by hand: it is computed from its
occupancies and its decoration works in progress. Every unit's status is
computed once from the register as it stands: a unit set to "decorating" by
hand, without decoration works registered, reads its occupants' status;
a unit set to "vacant" without any owner in the register reads "not
handed over"."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    Unit = env["helpdesk.info.unit"].with_context(active_test=False)
    units = Unit.search([])
    env.add_to_compute(Unit._fields["status"], units)
    units._recompute_recordset(["status"])
