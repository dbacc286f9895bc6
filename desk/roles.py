"""What the desk grants the editorial roles (core.roles grants it on every `migrate`): writers
see the desk; editors also assign, skip, and set each show's plan."""

from recaps.roles import EDITORS, WRITERS

GRANTS = {
    WRITERS: [("desk", ["view_assignment"])],
    EDITORS: [
        (
            "desk",
            [
                "view_assignment",
                "assign_episode",
                "view_showplan",
                "add_showplan",
                "change_showplan",
                "delete_showplan",
            ],
        )
    ],
}
