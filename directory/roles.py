"""The role matrix of the directory, in one place (after integreat-cms `constants/roles.py`).

Who may do what with an organisation. The permission policy (`permissions.py`) reads this and
the tests are parametrised over it, so a change of rights is a change here and nowhere else.

- A *moderator* is an active user with Django model permissions on organisations (the
  "Moderatoren" group, or a superuser): they act on every organisation, as far as their
  model permissions go.
- A *member* acts only on the organisations they have a `Membership` of, with their role's
  actions; never publish, delete or create: their edits go through moderation.
- Anyone else (including anonymous visitors) has no rights; the public reads live rows only.
"""

from .models.membership import Role

MODERATOR_GROUP_NAME = "Moderatoren"

# Actions (Wagtail's action names plus our own).
VIEW = "view"  # see the organisation in the back office, including drafts
CHANGE = "change"  # edit: save a draft revision and submit it for moderation
ADD = "add"
DELETE = "delete"
PUBLISH = "publish"  # approve / publish / unpublish
LOCK = "lock"
UNLOCK = "unlock"
INVITE = "invite"  # invite and remove colleagues (manage memberships)
EXPORT = "export"  # export the back-office data (including contact data) of the organisation

ALL_ACTIONS = (VIEW, CHANGE, ADD, DELETE, PUBLISH, LOCK, UNLOCK, INVITE, EXPORT)

MEMBER_ROLE_ACTIONS: dict[str, frozenset[str]] = {
    Role.OWNER: frozenset({VIEW, CHANGE, INVITE, EXPORT}),
    Role.EDITOR: frozenset({VIEW, CHANGE, EXPORT}),
}

# Django permissions the moderator group gets (codename, app label).
MODERATOR_PERMISSIONS = [
    ("access_admin", "wagtailadmin"),
    *[
        (f"{action}_organisation", "directory")
        for action in ("add", "change", "delete", "view", "publish", "lock", "unlock", "invite")
    ],
    *[
        (f"{action}_{model}", "directory")
        for model in ("organisationtype", "municipality", "language", "phasetag")
        for action in ("add", "change", "delete", "view")
    ],
    ("view_membership", "directory"),
    ("delete_membership", "directory"),
    ("view_invitation", "directory"),
]

# The matrix the tests walk: role → actions allowed on organisation A (the member's own).
# "editor_other" and "owner_other" are members of another organisation B.
EXPECTED_ON_OWN_ORGANISATION: dict[str, frozenset[str]] = {
    "owner": MEMBER_ROLE_ACTIONS[Role.OWNER],
    "editor": MEMBER_ROLE_ACTIONS[Role.EDITOR],
    "owner_other": frozenset(),
    "editor_other": frozenset(),
    "moderator": frozenset(ALL_ACTIONS),
    "superuser": frozenset(ALL_ACTIONS),
    "inactive_owner": frozenset(),
    "plain_user": frozenset(),
    "anonymous": frozenset(),
}
