from .common_reception import ReceptionCase


class TestReceptionShippedPolicies(ReceptionCase):
    """§8 as shipped: the four categories with their limits, in Chinese too."""

    def test_the_standards_limits(self):
        self.assertRecordValues(
            self.tea | self.small_meeting | self.visit | self.large_meeting,
            [
                {
                    "code": "tea",
                    "max_per_event": 0,
                    "monthly_max_amount": 100,
                    "monthly_max_count": 0,
                    "min_attendees": 0,
                    "max_attendees": 0,
                    "approval_type": "none",
                },
                {
                    "code": "small_meeting",
                    "max_per_event": 300,
                    "monthly_max_amount": 0,
                    "monthly_max_count": 1,
                    "min_attendees": 0,
                    "max_attendees": 9,
                    "approval_type": "oral",
                },
                {
                    "code": "visit",
                    "max_per_event": 150,
                    "monthly_max_amount": 300,
                    "monthly_max_count": 2,
                    "min_attendees": 0,
                    "max_attendees": 5,
                    "approval_type": "oral",
                },
                {
                    "code": "large_meeting",
                    "max_per_event": 0,
                    "monthly_max_amount": 0,
                    "monthly_max_count": 0,
                    "min_attendees": 10,
                    "max_attendees": 0,
                    "approval_type": "budget",
                },
            ],
        )
        self.assertEqual(
            self.tea.analytic_plan_id, self.env.ref("analytic.analytic_plan_projects")
        )

    def test_the_policies_read_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search(
            [("name", "=", "helpdesk_property_info")]
        )._update_translations("zh_CN")
        names = (
            (self.tea | self.small_meeting | self.visit | self.large_meeting)
            .with_context(lang="zh_CN")
            .mapped("name")
        )
        self.assertEqual(
            names,
            [
                "日常接待用香烟、茶叶",
                "小型业主见面会（10人以下）",
                "接待媒体、客户来访或见面（5人以下）",
                "十人以上业主见面会",
            ],
        )
        fields = self.Expense.with_context(lang="zh_CN").fields_get(
            ["state", "oral_approver_id"], ["string", "selection"]
        )
        self.assertEqual(dict(fields["state"]["selection"])["waiting"], "待审批")
        self.assertEqual(fields["oral_approver_id"]["string"], "口头同意领导")

    def test_a_new_company_gets_its_own_copy(self):
        company = self.env["res.company"].create({"name": "Third Property Co."})
        policies = self.env["helpdesk.reception.policy"].search(
            [("company_id", "=", company.id)]
        )
        self.assertEqual(
            policies.mapped("code"), ["tea", "small_meeting", "visit", "large_meeting"]
        )
        self.assertFalse(policies.account_id, "accounts belong to each company's chart")
        self.assertEqual(policies[2].max_per_event, 150)

    def test_the_budget_approval_tier(self):
        tier = self.env.ref("helpdesk_property_info.tier_definition_reception_budget")
        self.assertRecordValues(
            tier,
            [
                {
                    "model": "helpdesk.reception.budget",
                    "review_type": "group",
                    "reviewer_group_id": self.env.ref(
                        "helpdesk_property_info.group_company_leader"
                    ).id,
                    "exclude_requester": True,
                    "company_id": False,
                }
            ],
        )
        self.assertIn(
            "helpdesk.reception.budget",
            self.env["tier.definition"]._get_tier_validation_model_names(),
        )
