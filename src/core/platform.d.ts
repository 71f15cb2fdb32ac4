// The few globals core/ uses that live outside the ECMAScript library but exist in every place core
// runs (Node, browsers, workers). Declared here so that core/ can be compiled without the DOM
// library, which would let tree and layout APIs slip in.
declare function btoa(data: string): string;
declare function atob(data: string): string;
declare class URL {
  constructor(url: string, base?: string);
  readonly hostname: string;
  readonly pathname: string;
  readonly protocol: string;
}
