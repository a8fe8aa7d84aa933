import {_t} from "@web/core/l10n/translation";
import {patch} from "@web/core/utils/patch";
import {Record} from "@web/model/relational_model/record";

// Saving a form with required fields left empty: the notification names
// them (in the user's language), not only "Missing required fields".
patch(Record.prototype, {
    _displayInvalidFieldNotification() {
        const labels = [...this._invalidFields].map(
            (name) => this.fields[name]?.string || name
        );
        if (!labels.length) {
            return super._displayInvalidFieldNotification(...arguments);
        }
        return this.model.notification.add(labels.join(", "), {
            title: _t("Missing required fields"),
            type: "danger",
        });
    },
});
