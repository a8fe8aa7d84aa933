from . import test_classification
from . import test_intake_rules
from . import test_phone
from . import test_intake_team
from . import test_access
from . import test_shipped_data
from . import test_translations
from . import test_rpc
