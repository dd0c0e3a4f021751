/**
 * ISO 4217 currency codes (active codes, funds and precious metals; not the test code XTS or "no
 * currency" XXX), used to validate `--currency` and to warn about CRIF qualifiers that name no currency.
 *
 * @example
 * ```ts
 * import { isIsoCurrency } from "./currencies.ts";
 * console.assert(isIsoCurrency("EUR") && !isIsoCurrency("ZZZ") && !isIsoCurrency("eur"));
 * ```
 * @module
 */

/**
 * The codes, alphabetical.
 *
 * @example
 * ```ts
 * import { ISO_CURRENCIES } from "./currencies.ts";
 * console.assert(ISO_CURRENCIES.includes("JPY"));
 * ```
 */
export const ISO_CURRENCIES: readonly string[] = (
  "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN BWP BYN BZD " +
  "CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP " +
  "GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HRK HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR " +
  "KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV " +
  "MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG " +
  "SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN " +
  "UYI UYU UYW UZS VED VES VND VUV WST XAF XAG XAU XBA XBB XBC XBD XCD XCG XDR XOF XPD XPF XPT XSU XUA " +
  "YER ZAR ZMW ZWG ZWL"
).split(" ");

const SET = new Set(ISO_CURRENCIES);

/**
 * Whether `code` is one of {@link ISO_CURRENCIES} (exact, upper case).
 *
 * @example
 * ```ts
 * import { isIsoCurrency } from "./currencies.ts";
 * console.assert(isIsoCurrency("USD") && !isIsoCurrency("xx"));
 * ```
 */
export function isIsoCurrency(code: string): boolean {
  return SET.has(code);
}
