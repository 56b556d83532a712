// The one deep import of `natural` the benchmark's baseline uses (never the package root).
declare module 'natural/lib/natural/tfidf/tfidf' {
  export default class TfIdf {
    constructor();
    documents: Array<Record<string, number>>;
    addDocument(document: string | string[], key?: unknown, restoreCache?: boolean): void;
    tfidf(terms: string | string[], documentIndex: number): number;
    tfidfs(terms: string | string[], callback?: (index: number, measure: number, key?: unknown) => void): number[];
  }
}
