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
# Read visitors' error reports ("meld een fout") about the organisation. Members get it for
# their own organisation: they are the ones who can correct the profile. They see topic,
# message, date and status, never the reporter's e-mail address (the visitor gave it to the
# association's moderators only). Moderators get it through `directory_public.view_errorreport`;
# handling reports (status) and the admin list are theirs.
VIEW_REPORTS = "view_reports"

ALL_ACTIONS = (VIEW, CHANGE, ADD, DELETE, PUBLISH, LOCK, UNLOCK, INVITE, EXPORT, VIEW_REPORTS)

MEMBER_ROLE_ACTIONS: dict[str, frozenset[str]] = {
    Role.OWNER: frozenset({VIEW, CHANGE, INVITE, EXPORT, VIEW_REPORTS}),
    Role.EDITOR: frozenset({VIEW, CHANGE, EXPORT, VIEW_REPORTS}),
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
    *[(f"{action}_errorreport", "directory_public") for action in ("view", "change", "delete")],
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
