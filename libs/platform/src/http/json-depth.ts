/**
 * Whether JSON text nests arrays and objects deeper than `maximum`, read in one pass without parsing
 * (brackets inside strings do not count). Deep nesting is refused before parsing: the recursive steps
 * after it (transformation, validation) would exhaust the stack.
 */
export function jsonNestsDeeperThan(text: string, maximum: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > maximum) return true;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--;
    }
  }
  return false;
}
