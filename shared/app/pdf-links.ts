/** Links to an uploaded PDF that a browser can open without credentials (presigned GET, short-lived). */
export interface PdfLinker {
  /** A URL that serves the object as `application/pdf`, inline, for `expiresInSeconds`. */
  link(bucket: string, key: string, expiresInSeconds: number): Promise<string>;
}
