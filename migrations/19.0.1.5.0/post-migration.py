"""Replies count the service centre's hours: the shipped problem levels and
complaint grades still counting their replies in working time count them in
the service centre's hours, their descriptions still as shipped say "days"
instead of "working days", the shipped engineering and management teams
resolve (the management branch also replies) in working time, and every
company without service centre hours gets the shipped round-the-clock
hours. A record a company changed keeps its values."""

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL

MODULE = "helpdesk_property_info"
RULES = {
    "helpdesk_info_level": (
        "level_general",
        "level_complex",
        "level_major",
        "level_complaint_minor",
        "level_complaint_important",
        "level_complaint_major",
    ),
    "helpdesk_info_complaint_grade": (
        "complaint_grade_minor",
        "complaint_grade_important",
        "complaint_grade_major",
    ),
}
# language: {description as shipped: as it now reads}
DESCRIPTIONS = {
    "en_US": {
        "Handled by Customer Service; reply within 1 working day (§6.5).": (
            "Handled by Customer Service; reply within 1 day (§6.5)."
        ),
        "Handled by the counterpart department, followed by Customer Service; "
        "reply within 2 working days (§6.5).": (
            "Handled by the counterpart department, followed by Customer "
            "Service; reply within 2 days (§6.5)."
        ),
        "A company leader gives an opinion before the answer; reply within 3 "
        "working days (§6.5).": (
            "A company leader gives an opinion before the answer; reply within "
            "3 days (§6.5)."
        ),
        "Solved or answered at once, or by the time the customer asks for, at "
        "the latest within half a working day; longer needs the supervising "
        "manager's approval.": (
            "Solved or answered at once, or by the time the customer asks for, "
            "at the latest within half a day; longer needs the supervising "
            "manager's approval."
        ),
        "Handled within 1 working day; longer needs the management department "
        "manager's approval.": (
            "Handled within 1 day; longer needs the management department "
            "manager's approval."
        ),
        "A clear answer within 2 working days and resolution within 15 days; "
        "a company leader gives an opinion first.": (
            "A clear answer within 2 days and resolution within 15 days; a "
            "company leader gives an opinion first."
        ),
    },
    "zh_CN": {
        "由客户服务部处理；1 个工作日内答复（§6.5）。": (
            "由客户服务部处理；1 天内答复（§6.5）。"
        ),
        "由对口部门处理，客户服务部跟踪；2 个工作日内答复（§6.5）。": (
            "由对口部门处理，客户服务部跟踪；2 天内答复（§6.5）。"
        ),
        "答复前须由公司领导签署意见；3 个工作日内答复（§6.5）。": (
            "答复前须由公司领导签署意见；3 天内答复（§6.5）。"
        ),
        "能及时解决的应立即解决或回复，或按客户要求的期限处理完毕，最迟半个工作日内；"
        "超时需经主管经理批准。": (
            "能及时解决的应立即解决或回复，或按客户要求的期限处理完毕，最迟半天内；"
            "超时需经主管经理批准。"
        ),
        "一般在1个工作日内处置完毕，超时需经管理部经理批准。": (
            "一般在1天内处置完毕，超时需经管理部经理批准。"
        ),
        "2个工作日内给投诉客户明确答复，解决时间不超过15日；先由公司领导提出意见。": (
            "2天内给投诉客户明确答复，解决时间不超过15日；先由公司领导提出意见。"
        ),
    },
}
# team: the bases it imposes, in working time
TEAMS = {
    "team_after_sales_department": ("resolve_basis",),
    "team_after_sales_center": ("resolve_basis",),
    "team_property_branch": ("reply_basis", "resolve_basis"),
}


def _shipped_ids(cr, names):
    cr.execute(
        "SELECT name, res_id FROM ir_model_data WHERE module = %s AND name IN %s",
        (MODULE, tuple(names)),
    )
    return dict(cr.fetchall())


def migrate(cr, version):
    for table, names in RULES.items():
        ids = tuple(_shipped_ids(cr, names).values())
        if not ids:
            continue
        cr.execute(
            SQL(
                "UPDATE %s SET reply_basis = 'staffed' "
                "WHERE id IN %s AND reply_basis = 'working'",
                SQL.identifier(table),
                ids,
            )
        )
        for lang, texts in DESCRIPTIONS.items():
            for old, new in texts.items():
                cr.execute(
                    SQL(
                        "UPDATE %s SET description = jsonb_set(description, %s, "
                        "to_jsonb(%s::text)) WHERE id IN %s AND description->>%s = %s",
                        SQL.identifier(table),
                        [lang],
                        new,
                        ids,
                        lang,
                        old,
                    )
                )
    for name, team_id in _shipped_ids(cr, TEAMS).items():
        for column in TEAMS[name]:
            cr.execute(
                SQL(
                    "UPDATE helpdesk_ticket_team SET %s = 'working' "
                    "WHERE id = %s AND %s = 'rule'",
                    SQL.identifier(column),
                    team_id,
                    SQL.identifier(column),
                )
            )
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["res.company"]._helpdesk_set_service_centre_hours()
