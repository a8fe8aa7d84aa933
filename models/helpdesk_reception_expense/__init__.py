from . import helpdesk_reception_expense
from . import limits
from . import accounting
