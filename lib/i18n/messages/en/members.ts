export const members = {
  title: "Members",
  intro: "The people who can sign in to {tenant}, and the invitations waiting for an answer.",
  table: {
    title: "People",
    email: "Email address",
    name: "Name",
    role: "Role",
    joined: "Joined",
    you: "you",
    empty: "No members yet.",
  },
  role: {
    makeAdmin: "Make administrator",
    makeMember: "Make member",
    changed: "{email} is now: {role}.",
  },
  remove: {
    button: "Remove",
    confirm: "Remove {email} from {tenant}? They lose access at once.",
    confirmButton: "Yes, remove",
    removed: "{email} no longer belongs to {tenant}.",
  },
  personalData: {
    export: "Export data",
    exportLabel: "Export data of {email} (a JSON file of what {tenant} holds)",
    erase: "Erase data",
    eraseConfirm:
      "Erase the personal data of {email} held by {tenant}? Their membership, mailbox assignments and invitations here are deleted, the content of mail they queued is deleted now (mail still waiting is cancelled), and this school's audit log names them by a pseudonym from now on. This cannot be undone.",
    eraseConfirmButton: "Yes, erase",
    erased:
      "The personal data of {email} held by {tenant} was erased; the audit log now names them {label}. An account they use elsewhere in Relais is not touched: the platform operator erases it on request.",
    eraseSelf: "You cannot erase your own data here: ask another administrator, or the platform operator.",
    lastAdmin:
      "A school needs at least one administrator: this person is the last one, so their data cannot be erased. Make someone else administrator first.",
    lastAdminOf:
      "{email} is the last administrator of {schools}: make someone else administrator there first, then erase again.",
  },
  lastAdmin: {
    demote: "A school needs at least one administrator: make someone else administrator first.",
    remove:
      "A school needs at least one administrator: this person is the last one, so they cannot be removed.",
  },
  invitations: {
    title: "Pending invitations",
    email: "Email address",
    role: "Role",
    expires: "Expires",
    expired: "Expired on {date}",
    invitedBy: "Invited by",
    empty: "No pending invitations.",
    revoke: "Revoke",
    revoked: "The invitation to {email} was revoked; its link no longer works.",
    resend: "Send again",
    resent: "A new invitation was sent to {email}. The previous link no longer works.",
    notPending: "This invitation has already been accepted or revoked.",
  },
  invite: {
    title: "Invite someone",
    email: "Email address",
    role: "Role",
    submit: "Send invitation",
    sent: "Invitation sent to {email}. The link works for 7 days.",
    alreadyMember: "This person is already a member of this school.",
  },
  mail: {
    subject: "You are invited to join {tenant} on Relais",
    body: "Hello,\n\n{inviter} invites you to join {tenant} on Relais as {role}.\n\nOpen this link to accept. It works once, for {days} days, until {until}:\n\n{link}\n\nIf you do not expect this invitation, you can ignore this message.",
  },
  accept: {
    title: "Join {tenant}",
    invitedAs: "This invitation is for {email}, as {role}.",
    newAccount: "Create your Relais account to accept it.",
    setPassword: "Choose a password for your account to accept it.",
    name: "Your name",
    password: "Password",
    passwordHint: "At least {min} characters.",
    passwordConfirmation: "Password again",
    submit: "Accept and join",
    signInFirst: "You already have a Relais account. Sign in with it to accept this invitation.",
    signInLink: "Sign in to accept",
    signedInAs: "You are signed in as {email}.",
    acceptButton: "Accept the invitation",
    wrongAccount:
      "You are signed in as {current}, but this invitation is for {email}. Sign out, then sign in as {email} to accept it.",
    signOutAndSwitch: "Sign out and switch account",
    signedInElsewhere:
      "You are signed in as {current}. Accepting creates a separate account for {email} and signs you in with it.",
    accepted: "Welcome to {tenant}. Taking you there…",
    goToTenant: "Go to {tenant}",
    errors: {
      passwordTooShort: "This password is too short.",
      passwordTooLong: "This password is too long.",
      passwordMismatch: "The two passwords are not the same.",
      signInRequired: "Sign in with your account first, then accept the invitation.",
      wrongAccount: "This invitation is for another account.",
      accountDisabled: "This account is disabled. Ask your school’s administrator.",
    },
    states: {
      expired: "This invitation has expired.",
      used: "This invitation has already been used.",
      revoked: "This invitation was withdrawn, or replaced by a newer one.",
      unknown: "This invitation link is not valid.",
    },
    help: {
      expired: "Invitations work for 7 days. You can ask the school’s administrators for a new one.",
      used: "If you accepted it, sign in to reach your school. Otherwise you can ask for a new invitation.",
      revoked:
        "Look for a more recent invitation in your mailbox, or ask the person who invited you to send a new one.",
      unknown:
        "Check that you opened the whole link from the message. If it still does not work, ask the person who invited you for a new invitation.",
    },
    signIn: "Sign in",
  },
  reinvite: {
    button: "Ask for a new invitation",
    sent: "Done: the administrators of {tenant} have been asked to invite you again.",
    tooSoon: "You already asked within the last hour; the administrators have been told.",
    notAllowed: "A new invitation can only be asked for from an expired or used invitation.",
    mailSubject: "{email} asks to be invited to {tenant} again",
    mailBody:
      "Hello,\n\n{email} opened an invitation to {tenant} on Relais that is no longer valid ({state}) and asks to be invited again.\n\nIf this is expected, send a new invitation from the members page:\n\n{link}\n\nOtherwise you can ignore this message.",
    mailStates: {
      expired: "expired",
      used: "already used",
    },
  },
} as const;
