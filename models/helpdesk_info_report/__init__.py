from . import helpdesk_info_report
from . import sections
from . import proactive
from . import repairs
from . import complaints
