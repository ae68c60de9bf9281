export { readLines, type LineEvent } from './lib/lines';
export { parseFhirNdjson, type FhirParseOptions } from './lib/fhir';
export { parseHl7v2, type Hl7ParseOptions } from './lib/hl7/stream';
export { unescapeHl7, type Delimiters } from './lib/hl7/escape';
export { parseImportFile, sniffFormat, type ImportFileOptions, type ImportFormat } from './lib/sniff';
