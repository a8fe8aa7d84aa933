from odoo.tests import TransactionCase

ADDON = "helpdesk_property_info"
APPROVAL_MIXIN = "helpdesk.info.approval.mixin"
# base_tier_validation's steps of an approval: the approval mixin (and the
# tier guard under it) is the only class of the addon that re-codes them.
APPROVAL_STEPS = (
    "action_submit",
    "request_validation",
    "validate_tier",
    "reject_tier",
    "restart_validation",
    "_validate_tier",
    "_rejected_tier",
    "_approve",
)
# The mixins themselves, and base_tier_validation's own that the addon extends.
SHAPE_MODELS = {APPROVAL_MIXIN, "helpdesk.info.tier.guard.mixin", "tier.validation"}


class TestOneApprovalShape(TransactionCase):
    """Every document of the addon that tier validation approves does so
    through ``helpdesk.info.approval.mixin``: declared by class attributes
    and the mixin's hooks, never by a submit, validate or reject of its
    own."""

    def addon_classes(self, model):
        """The classes of the addon that make up ``model``."""
        return [
            cls
            for cls in model.__mro__
            if getattr(cls, "_module", None) == ADDON
            and getattr(cls, "_name", None) not in SHAPE_MODELS
        ]

    def tier_validated_models(self):
        tier = self.env.registry["tier.validation"]
        return {
            name: model
            for name, model in self.env.registry.items()
            if issubclass(model, tier)
            and name not in SHAPE_MODELS
            and self.addon_classes(model)
        }

    def test_every_tier_validated_model_inherits_the_approval_mixin(self):
        models = self.tier_validated_models()
        self.assertGreaterEqual(
            set(models),
            {
                "helpdesk.info.publication",
                "helpdesk.reception.budget",
                "helpdesk.ticket.result",
                "helpdesk.info.erasure.request",
                "helpdesk.info.disclosure.request",
                "helpdesk.info.survey.corrective.action",
                "helpdesk.info.seminar.plan",
            },
        )
        mixin = self.env.registry[APPROVAL_MIXIN]
        outside = sorted(
            name for name, model in models.items() if not issubclass(model, mixin)
        )
        self.assertFalse(outside, "tier validation outside the approval mixin")

    def test_no_model_recodes_an_approval_step(self):
        recoded = sorted(
            f"{name}.{step}"
            for name, model in self.tier_validated_models().items()
            for cls in self.addon_classes(model)
            for step in APPROVAL_STEPS
            if step in vars(cls)
        )
        self.assertFalse(recoded, "approval steps re-coded beside the mixin's hooks")

    def test_the_states_are_declared(self):
        for name in self.tier_validated_models():
            with self.subTest(model=name):
                Model = self.env[name]
                states = set(Model._fields[Model._state_field].get_values(self.env))
                for state in (*Model._state_from, *Model._state_to):
                    self.assertIn(state, states)
                if Model._rejected_state:
                    self.assertIn(Model._rejected_state, states)
                self.assertTrue(set(Model._submittable_states) <= set(states))
