// pdfjs-dist ships no types for its worker build; src/letters/pdf.ts needs only its handler.
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
