import { describe, expect, it } from 'vitest';
import { extractReply } from './extract-reply.js';

const NEW = 'Thanks, that fixed it.';

// [client/language, body, expected quoted start, expected signature]
const cases: Array<[string, string, string, string | undefined]> = [
  ['Gmail en', `${NEW}\n\nOn Mon, 1 Dec 2026 at 10:00, Kari Nordmann <kari@acme.test> wrote:\n> Try restarting.\n`, 'On Mon, 1 Dec 2026 at 10:00', undefined],
  ['Gmail en, wrapped attribution', `${NEW}\n\nOn Mon, Dec 1, 2026 at 10:00 AM Kari Nordmann <kari@acme.test>\nwrote:\n> Try restarting.`, 'On Mon, Dec 1, 2026 at 10:00 AM', undefined],
  ['Gmail de', `${NEW}\n\nAm Mo., 1. Dez. 2026 um 10:00 Uhr schrieb Kari <kari@acme.test>:\n> Neu starten.`, 'Am Mo., 1. Dez. 2026', undefined],
  ['Gmail fr', `${NEW}\n\nLe lun. 1 déc. 2026 à 10:00, Kari <kari@acme.test> a écrit :\n> Redémarrez.`, 'Le lun. 1 déc. 2026', undefined],
  ['Gmail es', `${NEW}\n\nEl lun, 1 dic 2026 a las 10:00, Kari (<kari@acme.test>) escribió:\n> Reinicie.`, 'El lun, 1 dic 2026', undefined],
  ['Gmail no', `${NEW}\n\nman. 1. des. 2026 kl. 10:00 skrev Kari Nordmann <kari@acme.test>:\n> Start på nytt.`, 'man. 1. des. 2026 kl. 10:00 skrev', undefined],
  ['Thunderbird no', `${NEW}\n\nDen 01.12.2026 10:00, skrev Kari Nordmann:\n> Start på nytt.`, 'Den 01.12.2026 10:00, skrev', undefined],
  ['Apple Mail sv', `${NEW}\n\n1 dec. 2026 kl. 10:00 skrev Kari Nordmann <kari@acme.test>:\n\n> Starta om.`, '1 dec. 2026 kl. 10:00 skrev', undefined],
  ['Apple Mail en', `${NEW}\n\n> On 1 Dec 2026, at 10:00, Kari Nordmann <kari@acme.test> wrote:\n> \n> Try restarting.`, '> On 1 Dec 2026, at 10:00', undefined],
  ['Apple Mail en, iPhone', `${NEW}\n\nSent from my iPhone\n\n> On 1 Dec 2026, at 10:00, Kari <kari@acme.test> wrote:\n> Try restarting.`, '> On 1 Dec 2026', 'Sent from my iPhone'],
  ['Thunderbird en', `${NEW}\n\nOn 01/12/2026 10:00, Kari Nordmann wrote:\n> Try restarting.`, 'On 01/12/2026 10:00, Kari Nordmann wrote:', undefined],
  ['Yahoo en', `${NEW}\n\n    On Monday, December 1, 2026, 10:00:00 AM GMT+1, Kari Nordmann <kari@acme.test> wrote:\n\n Try restarting.`, 'On Monday, December 1, 2026', undefined],
  ['Outlook en', `${NEW}\n\n________________________________\nFrom: Kari Nordmann <kari@acme.test>\nSent: Monday, December 1, 2026 10:00 AM\nTo: Ann <ann@example.test>\nSubject: Printer\n\nTry restarting.`, '________________________________', undefined],
  ['Outlook de', `${NEW}\n\nVon: Kari Nordmann <kari@acme.test>\nGesendet: Montag, 1. Dezember 2026 10:00\nAn: Ann\nBetreff: Drucker\n\nNeu starten.`, 'Von: Kari Nordmann', undefined],
  ['Outlook fr', `${NEW}\n\nDe : Kari Nordmann <kari@acme.test>\nEnvoyé : lundi 1 décembre 2026 10:00\nÀ : Ann\nObjet : Imprimante\n\nRedémarrez.`, 'De : Kari Nordmann', undefined],
  ['Outlook es', `${NEW}\n\nDe: Kari Nordmann <kari@acme.test>\nEnviado: lunes, 1 de diciembre de 2026 10:00\nPara: Ann\nAsunto: Impresora\n\nReinicie.`, 'De: Kari Nordmann', undefined],
  ['Outlook no', `${NEW}\n\nFra: Kari Nordmann <kari@acme.test>\nSendt: mandag 1. desember 2026 10:00\nTil: Ann\nEmne: Skriver\n\nStart på nytt.`, 'Fra: Kari Nordmann', undefined],
  ['Outlook sv', `${NEW}\n\nFrån: Kari Nordmann <kari@acme.test>\nSkickat: den 1 december 2026 10:00\nTill: Ann\nÄmne: Skrivare\n\nStarta om.`, 'Från: Kari Nordmann', undefined],
  ['Outlook, bold web headers', `${NEW}\n\n*From:* Kari <kari@acme.test>\n*Date:* Monday, 1 December 2026\n*Subject:* Printer\n\nTry restarting.`, '*From:* Kari', undefined],
  ['Original Message en', `${NEW}\n\n-----Original Message-----\nFrom: Kari\nSent: 1 Dec 2026\n\nTry restarting.`, '-----Original Message-----', undefined],
  ['Original Message de', `${NEW}\n\n-----Ursprüngliche Nachricht-----\nVon: Kari\n\nNeu starten.`, '-----Ursprüngliche Nachricht-----', undefined],
  ['Original Message fr', `${NEW}\n\n----- Message d'origine -----\nDe : Kari\n\nRedémarrez.`, "----- Message d'origine -----", undefined],
  ['> quotes only', `${NEW}\n\n> Try restarting.\n> Kari`, '> Try restarting.', undefined],
  ['-- signature', `${NEW}\n\n-- \nAnn Example\nACME Corp`, '', '-- \nAnn Example\nACME Corp'],
  ['-- signature + Gmail quote', `${NEW}\n-- \nAnn\n\nOn Mon, 1 Dec 2026 at 10:00, Kari <kari@acme.test> wrote:\n> hi`, 'On Mon, 1 Dec 2026', '-- \nAnn'],
  ['Android de', `${NEW}\n\nVon meinem Samsung Galaxy Smartphone gesendet.\n\n-------- Ursprüngliche Nachricht --------\nVon: Kari`, '-------- Ursprüngliche Nachricht --------', 'Von meinem Samsung Galaxy Smartphone gesendet.'],
  ['iOS no', `${NEW}\n\nSendt fra min iPhone\n\n> 1. des. 2026 kl. 10:00 skrev Kari <kari@acme.test>:\n> Start på nytt.`, '> 1. des. 2026', 'Sendt fra min iPhone'],
  ['iOS sv', `${NEW}\n\nSkickat från min iPhone`, '', 'Skickat från min iPhone'],
  ['iOS fr', `${NEW}\n\nEnvoyé de mon iPhone`, '', 'Envoyé de mon iPhone'],
  ['iOS es', `${NEW}\n\nEnviado desde mi iPhone`, '', 'Enviado desde mi iPhone'],
  ['Outlook mobile', `${NEW}\n\nGet Outlook for Android`, '', 'Get Outlook for Android'],
  ['CRLF line ends', `${NEW}\r\n\r\nOn Mon, 1 Dec 2026 at 10:00, Kari <kari@acme.test> wrote:\r\n> hi\r\n`, 'On Mon, 1 Dec 2026', undefined],
];

describe('extractReply', () => {
  it.each(cases)('%s', (_name, body, quotedStart, signature) => {
    const result = extractReply(body);
    expect(result.reply).toBe(NEW);
    if (quotedStart) expect(result.quoted.startsWith(quotedStart.trim())).toBe(true);
    else expect(result.quoted).toBe('');
    expect(result.signature).toBe(signature);
  });

  it.each([
    ['a plain message', 'Hello,\nmy printer is on fire.\nAnn'],
    ['text that merely mentions writing', 'I wrote: the printer is broken.'],
    ['a From: line without a Sent: line', 'From: the sales team we heard good things.\nPlease call.'],
    ['an inline reply (quotes then new text)', '> Is it on?\nYes.\n> Which model?\nX200.'],
    ['"Sent from my" far above the end', 'Sent from my old phone this did not work.\nNow on the laptop.\nStill broken.\nPlease help.\nAnn'],
  ])('keeps %s whole', (_name, body) => {
    expect(extractReply(body)).toEqual({ reply: body, quoted: '' });
  });

  it('a body that is only quoted history keeps it as the reply', () => {
    const body = 'On Mon, 1 Dec 2026 at 10:00, Kari <kari@acme.test> wrote:\n> hi';
    expect(extractReply(body).reply).toBe(body);
  });
});
