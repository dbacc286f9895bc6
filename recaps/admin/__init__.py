"""The recaps' admin, one idea a module: the recap admin with who sees and changes what
(`recap`), the workflow in it (`moves`), revisions and their diff (`revisions`), the stills
inline (`stills`), and taggit's shared tags with the recaps' links (`tags`). Importing the
package registers them."""

from .recap import RecapAdmin
from .tags import RecapTagAdmin

__all__ = ["RecapAdmin", "RecapTagAdmin"]
