import { erasePersonalData } from "@/lib/people/erase-personal-data";
import { cliActor, parseCommandInput, UsageError, type CliCommand } from "../command";
import { personEmailSchema } from "./person-export";

export const personErase: CliCommand = {
  name: "person:erase",
  summary:
    "Erase a person's data in every school and their account; audit entries stay under a pseudonym (GDPR article 17).",
  usage: "<email> --yes",
  options: { yes: { type: "boolean" } },
  positionals: ["email"],
  async run(values, io) {
    const { email } = parseCommandInput(personEmailSchema, { email: values.email }, { email: "<email>" });
    if (values.yes !== true) {
      throw new UsageError(
        `--yes: erasing ${email} cannot be undone; run person:export first if they asked for a copy, then add --yes.`,
      );
    }
    const done = await erasePersonalData({ scope: "platform", actor: cliActor }, email);
    io.out(
      done.accountDeleted
        ? `Erased ${email}: account deleted, removed from ${done.membershipsRemoved} school(s).`
        : `Erased what Relais held about ${email} (no account).`,
    );
    io.out(`  audit entries kept under the name "${done.label}": ${done.auditEntriesPseudonymised}`);
    io.out(`  mailbox assignments removed: ${done.assignmentsRemoved}`);
    io.out(`  invitations deleted: ${done.invitationsDeleted}`);
    io.out(`  mail cancelled before sending: ${done.mailCancelled}`);
    io.out(`  mail whose subject, text and attachments were deleted now: ${done.mailContentDeleted}`);
    io.out(`  sign-in attempts deleted: ${done.signInAttemptsDeleted}`);
    io.out(`  captured platform mail deleted: ${done.capturedMailDeleted}`);
    if (done.mailboxesKept.length > 0) {
      io.out(
        `  kept, as the schools' own: mailbox(es) ${done.mailboxesKept.join(", ")} (a school admin deletes or revokes them)`,
      );
    }
  },
};
