import { toSafeText } from '@inboxkit/core';

/** A posted file, read into memory (bounded by the body limit). */
export interface UploadedFile {
  filename: string;
  contentType: string;
  bytes: Uint8Array<ArrayBuffer>;
}

/** Reads the `File`s of validated values into `UploadedFile`s (other values unchanged). */
export async function readFiles(values: Record<string, unknown>): Promise<Record<string, unknown>> {
  const entries = await Promise.all(
    Object.entries(values).map(async ([name, value]) => {
      if (!Array.isArray(value) || !value.some((v) => v instanceof File)) return [name, value] as const;
      const files = await Promise.all(
        (value as File[]).map(async (file): Promise<UploadedFile> => ({
          // Browsers send whatever the disk had; core stores only safe text.
          filename: toSafeText(file.name || 'upload').slice(0, 255),
          contentType: file.type || 'application/octet-stream',
          bytes: new Uint8Array(await file.arrayBuffer()),
        })),
      );
      return [name, files] as const;
    }),
  );
  // No prototype, like the validated values: fields named `constructor` stay plain keys.
  return Object.assign(Object.create(null) as Record<string, unknown>, Object.fromEntries(entries));
}

/** True for a list of uploaded files. */
export function isFileList(value: unknown): value is UploadedFile[] {
  return Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'object' && v !== null && 'bytes' in v);
}
