export const webhooks = {
  reasons: {
    mailboxNeedsReconnect: "The mailbox must be reconnected by its owner before it can send.",
    mailboxPending: "The mailbox was never connected.",
    mailboxInsufficientScope: "The mailbox's authorization lacks the permission to send mail.",
    mailboxConfigError: "The provider refused the school's OAuth application.",
    mailboxPaused: "Sending from the mailbox is paused after a quota answer from the provider.",
    smtpAuthDisabled: "The provider has switched off authenticated SMTP for this mailbox.",
    sendAsDenied: "The provider refused to let the delegate send as the shared address.",
    quota: "The provider refused the mail because the mailbox reached a sending limit.",
    attemptsExhausted: "Every attempt failed with a temporary error; Relais stopped trying.",
    rejected: "The mail server refused the mail.",
    released: "The mailbox can send again: the mail is back in the queue.",
    unknown: "The mail could not be sent.",
  },
  states: {
    connected: "The mailbox is connected and can send.",
    pending: "The mailbox is waiting for its first connection.",
    revoked: "The mailbox's connection was revoked; its tokens are erased.",
    paused: "Sending is paused until {until}.",
  },
  endingSoon: {
    inactivity: "The connection will end on {date} if the mailbox is not used before then.",
    provider: "The provider ends the connection on {date}; the owner must reconnect before then.",
    testing:
      "The school's Google application is in “Testing”: Google ends the connection on {date}. Publish the application, then reconnect the mailbox.",
  },
  test: "A test event sent from Relais to check this endpoint.",
  mail: {
    paused: {
      subject: "{tenant}: a webhook endpoint was paused",
      body: "Every delivery to the webhook endpoint {url} of {tenant} has failed since {since}. Relais paused it: it receives no new events until an administrator enables it again. Its pending deliveries wait.\n\nCheck that the receiving program is running and answers with a 2xx status, then enable the endpoint:\n\n{link}\n",
    },
  },
  errors: {
    urlRequired: "Type the address that receives the events.",
    noEvent: "Choose at least one event.",
    unknownEvent: "This event does not exist.",
    descriptionTooLong: "Keep the description under 200 characters.",
    tooManyEndpoints: "A school can have at most 20 webhook endpoints.",
    endpointPaused: "The endpoint is paused: enable it first.",
  },
  page: {
    title: "Webhooks",
    intro:
      "A webhook tells the school's own software what happened to its mail and mailboxes as soon as it happens: a mail sent, failed or held, a mailbox that must be reconnected, a connection about to end. Relais posts a short JSON message to an address the software listens at (an endpoint), so that the software does not have to ask again and again (polling).",
    signing:
      "Every message is signed with the endpoint's own secret, as the Standard Webhooks specification says (headers webhook-id, webhook-timestamp and webhook-signature): the software checks the signature to know that the message comes from Relais and was not changed. A delivery that fails is tried again 8 times over about a day; an endpoint whose deliveries all fail for 5 days is paused and the school's administrators are told by mail.",
    specLink: "The Standard Webhooks specification",
  },
  list: {
    heading: "Endpoints",
    caption: "The school's webhook endpoints",
    empty: "No endpoint yet: add the address of the software that should hear about the school's mail below.",
    columns: {
      endpoint: "Endpoint",
      events: "Events",
      state: "State",
      deliveries: "Deliveries",
    },
    pending: "{count} waiting",
    failed: "{count} failed",
    noDescription: "No description",
  },
  state: {
    enabled: "Enabled",
    pausedManual: "Paused by an administrator",
    pausedFailing: "Paused: failing since {date}",
    failingSince: "Deliveries failing since {date}",
  },
  form: {
    url: "Address (URL) that receives the events",
    urlHint:
      "An https address of the school's software, for example https://timetable.example.org/relais-webhooks.",
    description: "Description (optional)",
    descriptionHint: "What receives the events, for whoever reads this list later.",
    events: "Events to send",
    eventsHint: "Choose at least one.",
  },
  create: {
    legend: "New endpoint",
    submit: "Add the endpoint",
  },
  created: {
    heading: "Endpoint added",
    secretLabel: "Signing secret",
    shownOnce:
      "Copy the signing secret now into the receiving software: it will not be shown again. If it is lost, rotate it on the endpoint's page.",
    next: "Next step: send a test event to check that the software receives it and accepts its signature.",
    open: "Open the endpoint and send a test event",
  },
  copy: {
    button: "Copy",
    done: "Copied to the clipboard.",
    failed: "Copying did not work: select the text and copy it by hand.",
  },
  events: {
    mail: {
      sent: {
        label: "Mail sent",
        hint: "A mail left through its mailbox: the provider's mail server accepted it.",
      },
      failed: {
        label: "Mail failed",
        hint: "A mail could not be sent and Relais stopped trying; the message says why.",
      },
      held: {
        label: "Mail held",
        hint: "A mail waits because its mailbox cannot send for now (to be reconnected, or paused after a sending limit).",
      },
      released: {
        label: "Mail released",
        hint: "A held mail is back in the queue because its mailbox can send again.",
      },
    },
    mailbox: {
      state_changed: {
        label: "Mailbox state changed",
        hint: "A mailbox was connected, must be reconnected, was revoked, or its sending was paused.",
      },
      ending_soon: {
        label: "Mailbox connection ending soon",
        hint: "A mailbox's connection will end within 14 days unless it is used or reconnected.",
      },
    },
    configuration: {
      error: {
        label: "OAuth application refused",
        hint: "The provider refused one of the school's OAuth applications: every mailbox using it stops sending.",
      },
    },
    webhook: {
      test: { label: "Test event", hint: "Sent on demand from the endpoint's page, to check it." },
    },
  },
  endpoint: {
    back: "All webhook endpoints",
    created: "Added on {date}",
    stateHeading: "State",
    stateEnabled: "The endpoint receives the events it asked for.",
    stateFailing:
      "Every delivery has failed since {date}. If they keep failing until {pauseDate}, Relais pauses the endpoint and tells the administrators.",
    statePausedManual:
      "An administrator paused the endpoint on {date}. It receives no new events; its waiting deliveries are sent when it is enabled again.",
    statePausedFailing:
      "Relais paused the endpoint on {pausedDate} because every delivery had failed since {date}. Check that the receiving software is running and answers with a 2xx status, then enable the endpoint: its waiting deliveries are sent then.",
    lastSuccess: "Last successful delivery: {date}",
    neverDelivered: "No delivery has succeeded yet.",
    pause: "Pause the endpoint",
    enable: "Enable the endpoint",
    paused: "The endpoint is paused.",
    enabled: "The endpoint is enabled.",
    testHeading: "Test event",
    testIntro:
      "Sends a test event (type webhook.test) to this endpoint only, whatever events it asked for, to check that the software receives it and accepts its signature.",
    testButton: "Send a test event",
    testPaused: "A paused endpoint receives no events: enable it to send a test event.",
    testQueued:
      "The test event is queued: it is delivered within a few seconds and shows in the deliveries below.",
    secretHeading: "Signing secret",
    secretIntro:
      "Deliveries are signed with this endpoint's secret, which is shown only when it is made. If it leaked or was lost, rotate it: the old secret keeps signing deliveries for 24 hours, beside the new one, so that the software can switch without missing any.",
    secretOverlap:
      "The secret was rotated: until {date}, each delivery carries two signatures, one with the new secret and one with the old.",
    rotate: "Rotate the secret",
    rotateConfirm:
      "A new secret will sign deliveries from now on; the old one keeps signing beside it for 24 hours only. Rotate the secret?",
    rotateConfirmButton: "Rotate",
    rotated: "New signing secret",
    rotatedReplaced:
      "Copy the new secret now into the receiving software: it will not be shown again. The old secret could no longer be read, so only the new one signs deliveries.",
    rotatedShownOnce:
      "Copy the new secret now into the receiving software: it will not be shown again. The old secret keeps signing deliveries until {date}.",
    settingsHeading: "Settings",
    save: "Save the settings",
    saved: "Settings saved.",
    deleteHeading: "Delete the endpoint",
    deleteIntro:
      "The endpoint stops receiving events at once; its waiting deliveries and its history are deleted.",
    delete: "Delete the endpoint",
    deleteConfirm: "Delete the endpoint {url}? This cannot be undone.",
    deleteConfirmButton: "Delete",
  },
  deliveries: {
    heading: "Recent deliveries",
    intro:
      "The last 50 deliveries to this endpoint, newest first. Redeliver sends the same event again, with the same webhook-id, so that software that ignores repeats sees it once.",
    caption: "Recent deliveries to this endpoint",
    empty: "No event has been sent to this endpoint yet. Send a test event to check it.",
    columns: {
      event: "Event",
      when: "When",
      status: "Status",
      answer: "Answer",
      duration: "Time taken",
      attempts: "Attempts",
      actions: "Actions",
    },
    payload: "Message sent (JSON)",
    eventId: "webhook-id: {id}",
    status: {
      delivered: "Delivered",
      deliveredAt: "on {date}",
      waiting: "Waiting to be sent",
      waitingPaused: "Waiting: the endpoint is paused",
      retry: "Waiting to retry at {date}",
      failed: "Failed after {count, plural, one {# attempt} other {# attempts}}",
    },
    duration: "{ms} ms",
    redeliver: "Redeliver",
    redeliverLabel: "Redeliver the {type} event of {date}",
    redelivered: "Queued again: it is delivered within a few seconds.",
  },
  failures: {
    http: "The endpoint answered {code}",
    timeout: "The endpoint did not answer in time",
    connect_failed: "Connection refused: nothing answers at this address",
    dns_failed: "The host name of the address could not be found",
    blocked_address: "Address not allowed: it leads to a private or local network",
    numeric_host: "Address not allowed: write a host name, not a number",
    not_https: "Address not allowed: it must start with https://",
    invalid_url: "The address is not valid",
    redirect_refused: "Redirect refused: the endpoint answered with a redirect; give its final address",
    too_large: "The endpoint's answer was too large",
    request_failed: "The request failed before any answer came",
    secret_unreadable:
      "Relais can no longer read the endpoint's signing secret (the encryption key that protected it is gone): rotate the secret and give the new one to the software",
    unknown: "The delivery failed",
  },
};
