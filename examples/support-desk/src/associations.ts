import type { AssociationProvider } from '@inboxkit/core';

/** The demo CRM: companies by email domain, and their open deals. A host would query its own database. */
const COMPANIES: Record<string, { id: string; name: string; plan: string; deals: Array<{ id: string; title: string; amount: string; stage: string }> }> = {
  'fjordtech.no': { id: 'c-fjord', name: 'Fjordtech AS', plan: 'Enterprise', deals: [{ id: 'd-301', title: 'Fjordtech renewal 2027', amount: 'NOK 480 000', stage: 'Negotiation' }] },
  'nordlys.no': { id: 'c-nordlys', name: 'Nordlys Design', plan: 'Pro', deals: [] },
  'bergenbakeri.no': { id: 'c-bakeri', name: 'Bergen Bakeri', plan: 'Starter', deals: [{ id: 'd-317', title: 'Upgrade to Pro', amount: 'NOK 36 000', stage: 'Proposal sent' }] },
};

/** An example `AssociationProvider`: the contact's company and deals, from a static table. */
export function demoCrm(baseUrl = 'https://crm.example.com'): AssociationProvider {
  return {
    name: 'demo CRM',
    async forContact(contact) {
      const domain = contact.email?.split('@')[1];
      const company = domain ? COMPANIES[domain] : undefined;
      if (!company) return [];
      return [
        { type: 'company', id: company.id, title: company.name, url: `${baseUrl}/companies/${company.id}`, properties: { plan: company.plan } },
        ...company.deals.map((deal) => ({ type: 'deal', id: deal.id, title: deal.title, url: `${baseUrl}/deals/${deal.id}`, properties: { amount: deal.amount, stage: deal.stage } })),
      ];
    },
  };
}
