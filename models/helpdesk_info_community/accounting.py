from odoo import fields, models
from odoo.exceptions import UserError

REPAIR_CATEGORY = "helpdesk_property_info.product_category_repair_services"


class HelpdeskInfoCommunity(models.Model):
    """What a community's owners are shown of its money (seed 003 二.6 and
    2.2): its income and spending, read from the journal items charged to its
    property project, and the paid-service price list."""

    _inherit = "helpdesk.info.community"

    analytic_account_id = fields.Many2one(
        "account.analytic.account",
        string="Property Project",
        check_company=True,
        help="The analytic account the community's income and spending are "
        "charged to (the reception expenses' property project): its fee "
        "statements sum the posted journal items charged to it.",
    )

    def _price_list_products(self):
        self.ensure_one()
        category = self.env.ref(REPAIR_CATEGORY, raise_if_not_found=False)
        if not category:
            return self.env["product.product"]
        return self.env["product.product"].search(
            [
                ("categ_id", "child_of", category.id),
                ("sale_ok", "=", True),
                ("company_id", "in", [self.company_id.id, False]),
            ],
            order="default_code, name, id",
        )

    def action_post_price_list(self):
        """Draft the notice of the paid-service price list and open it."""
        return self._draft_price_list()._get_records_action(name=self.env._("Notice"))

    def _draft_price_list(self):
        """The notice of the paid-service price list (有偿服务收费标准) for
        the community's owners, drafted from the prices of the Repair
        Services products: it is approved and published as any notice."""
        self.ensure_one()
        self.env["helpdesk.info.publication"].check_access("create")
        products = self._price_list_products()
        if not products:
            raise UserError(
                self.env._(
                    "No Sales product in the Repair Services category: add the "
                    "paid repairs and their prices first."
                )
            )
        owners = self.with_context(lang=self.company_id._helpdesk_info_lang())
        content = self.env["ir.qweb"]._render(
            "helpdesk_property_info.price_list_notice_content",
            {"community": owners, "products": products.with_env(owners.env)},
        )
        notice = self.env["helpdesk.info.publication"]._create_posting_notice(
            "price_list",
            self,
            owners.env._("%s paid-service price list", self.name),
            content,
        )
        return notice

    def _demo_posted_price_list(self, agent_id, leader_id):
        """The demo's price list: drafted by the agent, approved by the
        leader and published."""
        self.ensure_one()
        agent, leader = self.env["res.users"].browse((agent_id, leader_id))
        notice = self.with_user(agent).with_context(lang=agent.lang)._draft_price_list()
        notice.with_user(agent).action_submit()
        notice.with_user(leader).with_context(lang=leader.lang).validate_tier()
        notice.with_user(agent).action_publish()
        self.env["ir.model.data"]._update_xmlids(
            [
                {
                    "xml_id": "helpdesk_property_info.notice_price_list_demo",
                    "record": notice,
                    "noupdate": True,
                }
            ]
        )
        return notice.id
