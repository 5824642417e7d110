"use client";

import { useEffect, useState } from "react";
import { useLocale, useT } from "@/components/i18n-provider";
import { RunProgress } from "./run-progress";

/** Where an upload stands: the file going out (bytes sent of its size), then the server checking and saving it. */
export type UploadProgress =
  { phase: "idle" } | { phase: "sending"; sent: number; total: number } | { phase: "checking" };

/**
 * Posts a file as the request body and follows its progress (XMLHttpRequest:
 * fetch cannot tell how much of a body went out). The answer is the route's
 * JSON, whatever its status; a request that got no answer rejects.
 */
function postFile<A>(
  url: string,
  file: File,
  headers: Record<string, string>,
  onProgress: (progress: UploadProgress) => void,
): Promise<A> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", url);
    for (const [name, value] of Object.entries(headers)) request.setRequestHeader(name, value);
    request.upload.onprogress = (event) =>
      onProgress({
        phase: "sending",
        sent: event.loaded,
        total: event.lengthComputable ? event.total : file.size,
      });
    request.upload.onload = () => onProgress({ phase: "checking" });
    request.onload = () => {
      try {
        resolve(JSON.parse(request.responseText) as A);
      } catch (error) {
        reject(error instanceof Error ? error : new Error("unreadable answer"));
      }
    };
    request.onerror = () => reject(new Error("no answer"));
    request.onabort = () => reject(new Error("aborted"));
    onProgress({ phase: "sending", sent: 0, total: file.size });
    request.send(file);
  });
}

/**
 * An upload with its progress, for the import pages: `upload` sends the
 * file, `progress` says how far it got (the browser asks before the page is
 * left while it runs: an import is saved whole or not at all).
 */
export function useUpload() {
  const [progress, setProgress] = useState<UploadProgress>({ phase: "idle" });
  const running = progress.phase !== "idle";
  useEffect(() => {
    if (!running) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [running]);
  async function upload<A>(url: string, file: File, headers: Record<string, string>): Promise<A> {
    try {
      return await postFile<A>(url, file, headers, setProgress);
    } finally {
      setProgress({ phase: "idle" });
    }
  }
  return { progress, upload, running };
}

/** The upload's progress in words and as a bar: a percentage while the file goes out, then "checking". */
export function UploadProgressBar({ progress, testId }: { progress: UploadProgress; testId?: string }) {
  const t = useT();
  const locale = useLocale();
  if (progress.phase === "idle") return null;
  if (progress.phase === "checking") {
    return (
      <RunProgress
        testId={testId}
        value={null}
        max={1}
        label={t("common.progress.checking")}
        note={t("common.progress.uploadKeepOpen")}
      />
    );
  }
  const share = progress.total > 0 ? progress.sent / progress.total : 0;
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(share);
  return (
    <RunProgress
      testId={testId}
      value={progress.sent}
      max={Math.max(progress.total, 1)}
      label={t("common.progress.uploading", { percent })}
      note={t("common.progress.uploadKeepOpen")}
    />
  );
}
