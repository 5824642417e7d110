export const operator = {
  title: "Platform",
  intro:
    "The schools on this Relais. Invite each school's administrators from its row; they add the rest of its people.",
  tenants: {
    heading: "Schools",
    empty: "No school yet. Create the first one below.",
    slug: "Short name",
    name: "Name",
    members: "Members",
    created: "Created",
    status: "Status",
    active: "Active",
    suspended: "Suspended",
  },
  inviteAdmin: {
    open: "Invite an admin",
    title: "Invite an administrator of {name}",
    email: "Email address",
    submit: "Send the invitation",
    sent: "Invitation sent to {email}. They become an administrator of {name} when they accept it.",
    noAdmin: "No administrator yet",
  },
  create: {
    heading: "Create a school",
    slug: "Short name",
    slugHint: "Used in addresses: 2 to 48 lower-case letters, digits and hyphens, e.g. lycee-victor-hugo.",
    name: "Name",
    nameHint: "As the school's people know it, e.g. Lycée Victor Hugo.",
    submit: "Create the school",
    created:
      "The school {name} was created. Next, invite its first administrator from its row in the list above.",
  },
  errors: {
    slugTaken: "The short name {slug} is already taken.",
    slugTakenField: "This short name is already taken.",
    slugInvalid:
      "Use 2 to 48 lower-case letters, digits and hyphens, beginning and ending with a letter or digit.",
    slugReserved: "This short name is reserved by Relais; choose another.",
    nameRequired: "Enter the school's name.",
    nameTooLong: "The name can have at most 120 characters.",
  },
  people: {
    errors: {
      tenantNotFound: "There is no school with the short name {slug}.",
      userNotFound: "There is no account with the address {email}.",
      passwordTooShort: "The password needs at least 10 characters.",
      passwordTooLong: "The password can have at most 200 characters.",
      roleNeedsTenant: "A role needs a school: give both the school and the role.",
      tenantNeedsRole: "Say which role the person has in the school: admin or member.",
      roleInvalid: "The role is admin or member.",
    },
  },
} as const;
