const NON_ASCII = /[\u0080-\uffff]/;

/**
 * Full-width forms (ＡＢＣ１２３，．￥) as their ASCII counterparts (Unicode NFKC), as Chinese input
 * methods type them. ASCII text, nearly every cell, is returned as is without the cost of normalising.
 */
export function foldWidth(text: string): string {
  return NON_ASCII.test(text) ? text.normalize('NFKC') : text;
}
