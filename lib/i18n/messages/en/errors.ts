export const errors = {
  internal: "Something went wrong. If it happens again, give this reference to your administrator: {id}",
  unauthenticated: "Your session has ended. Please sign in again.",
  forbidden: "You do not have permission to do this.",
  notFound: "Not found.",
  invalidInput: "Some fields need your attention.",
  validation: {
    required: "This field is required.",
    email: "Enter a valid email address.",
    tooLong: "This is too long.",
    tooShort: "This is too short.",
    invalid: "This value is not valid.",
  },
} as const;
