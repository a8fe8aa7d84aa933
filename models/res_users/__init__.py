from . import visit
from . import lang
from . import home
