// Type declarations for the deep imports of `natural` that we use. Importing the package root
// costs ~1.7 s and pulls in database drivers, so only these leaf modules are ever loaded.
interface NaturalStemmer {
  stem(token: string): string;
}
declare module 'natural/lib/natural/stemmers/porter_stemmer' {
  const stemmer: NaturalStemmer;
  export default stemmer;
}
declare module 'natural/lib/natural/stemmers/porter_stemmer_fr' {
  const stemmer: NaturalStemmer;
  export default stemmer;
}
declare module 'natural/lib/natural/stemmers/porter_stemmer_es' {
  const stemmer: NaturalStemmer;
  export default stemmer;
}
