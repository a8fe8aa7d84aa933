import html

from .publication_common import PublicationCase

MODULE = "helpdesk_property_info"


class TestTierValidationInChinese(PublicationCase):
    """A leader working in Chinese reads the approval of a publication, its
    banners and its chatter, in Chinese."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"].search(
            [("name", "=", MODULE)]
        )._update_translations("zh_CN")
        (cls.agent | cls.leader | cls.leader_2 | cls.manager).write({"lang": "zh_CN"})
        # Every step of the validation writes in the chatter.
        cls.leader_tier.write(
            {
                "notify_on_accepted": True,
                "notify_on_rejected": True,
                "notify_on_restarted": True,
                "approve_sequence": False,
            }
        )

    def as_user(self, record, user):
        """``record`` as ``user`` in their own language, as a request of theirs."""
        return record.with_user(user).with_context(lang=user.lang)

    def submitted(self):
        publication = self.publication()
        self.as_user(publication, self.agent).action_submit()
        publication.invalidate_recordset()
        return publication

    def last_body(self, publication, subtype):
        messages = publication.message_ids.filtered(
            lambda m: m.subtype_id == self.env.ref(f"base_tier_validation.{subtype}")
        )
        self.assertTrue(messages, f"no {subtype} message")
        return str(messages.sorted("id")[-1].body)

    def assert_chinese(self, text, chinese, english):
        self.assertIn(chinese, text)
        self.assertNotIn(english, text)

    def test_the_leader_reads_the_pending_banner_in_chinese(self):
        publication = self.submitted()
        as_leader = self.as_user(publication, self.leader)
        self.assert_chinese(
            as_leader.to_validate_message, "待", "Pending validation by"
        )
        self.assert_chinese(
            as_leader.to_validate_message, "公司领导", "Group Company Leader"
        )
        # Whoever reads it first, each reads it in their own language.
        english = publication.with_user(self.leader).with_context(lang="en_US")
        self.assertIn(
            "Pending validation by Group Company Leader", english.to_validate_message
        )
        review = as_leader.review_ids
        self.assertEqual(
            review.read(["todo_by"])[0]["todo_by"], review.helpdesk_info_todo_by
        )
        self.assertNotIn("Group", review.read(["todo_by"])[0]["todo_by"])

    def test_the_request_is_announced_in_chinese(self):
        publication = self.submitted()
        body = self.last_body(publication, "mt_tier_validation_requested")
        self.assert_chinese(body, "创建", "A record to be reviewed has been created by")

    def test_a_request_by_odoobot_is_announced_in_the_company_language(self):
        # A scheduled action or OdooBot requests the validation: no language.
        self.company.partner_id.lang = "zh_CN"
        publication = self.publication()
        odoobot = self.env.ref("base.user_root")
        # pylint: disable-next=context-overridden  # no context, as OdooBot's
        publication.with_user(odoobot).with_context({}).action_submit()
        publication.invalidate_recordset()
        body = self.last_body(publication, "mt_tier_validation_requested")
        self.assert_chinese(body, "创建", "A record to be reviewed has been created by")

    def test_an_approval_reads_in_chinese(self):
        publication = self.submitted()
        self.as_user(publication, self.leader).validate_tier()
        publication.invalidate_recordset()
        self.assertEqual(publication.state, "approved")
        self.assert_chinese(
            self.as_user(publication, self.leader).validated_message,
            "批准",
            "Operation has been",
        )
        body = self.last_body(publication, "mt_tier_validation_accepted")
        self.assert_chinese(body, "审批已通过", "A review was accepted")

    def test_a_rejection_reads_in_chinese(self):
        publication = self.submitted()
        action = self.as_user(publication, self.leader).reject_tier()
        self.assertEqual(action["name"], "审批意见")
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.leader)
            .with_context(action["context"], lang="zh_CN")
            .create({"comment": "措辞不当"})
        )
        wizard.add_comment()
        publication.invalidate_recordset()
        self.assertEqual(publication.state, "rejected")
        self.assert_chinese(
            self.as_user(publication, self.leader).rejected_message,
            "驳回",
            "Operation has been",
        )
        body = self.last_body(publication, "mt_tier_validation_rejected")
        self.assert_chinese(body, "驳回", "A review was rejected by")
        self.assertIn("措辞不当", body)

    def test_a_restart_reads_in_chinese(self):
        publication = self.submitted()
        self.as_user(publication, self.manager).restart_validation()
        publication.invalidate_recordset()
        self.assertFalse(publication.review_ids)
        body = self.last_body(publication, "mt_tier_validation_restarted")
        self.assert_chinese(body, "重置", "The review has been reset by")

    def test_the_form_under_validation_reads_in_chinese(self):
        publication = self.submitted()
        arch = self.as_user(self.Publication, self.leader).get_views([(False, "form")])[
            "views"
        ]["form"]["arch"]
        # base_tier_validation hands the arch back as bytes, Chinese as entities.
        arch = html.unescape(arch.decode() if isinstance(arch, bytes) else arch)
        for english in (
            'string="Validate"',
            'string="Reject"',
            'string="Restart Validation"',
            "Operation has been",
        ):
            self.assertNotIn(english, arch)
        for chinese in (
            'string="批准"',
            'string="驳回"',
            'string="重新审批"',
            "操作已<b>批准</b>",
        ):
            self.assertIn(chinese, arch)
        self.assertEqual(
            self.as_user(publication, self.leader).review_ids.display_status, "待审批"
        )
