/**
 * Sample documents for an empty local archive, written for this project (not taken from real
 * documents). Each addresses a clear set of GCM elements, so a newcomer has something to query.
 */
import PDFDocument from 'pdfkit';
import type { UploadMetadata } from '../app/types';

export interface SampleDocument {
  file: string;
  metadata: UploadMetadata;
  title: string;
  paragraphs: string[];
}

export const SAMPLE_DOCUMENTS: SampleDocument[] = [
  {
    file: 'bali-process-trafficking-declaration.pdf',
    metadata: { process: 'Bali Process', type: 'declaration', meetingDate: '2023-02-10' },
    title: 'Declaration of the Ministerial Conference on Trafficking in Persons and Migrant Smuggling',
    paragraphs: [
      'We, the Ministers participating in the regional consultative process, met to renew our shared commitment against trafficking in persons and the smuggling of migrants.',
      '1. We condemn trafficking in persons in all its forms, including forced labour, sexual exploitation and servitude, and commit to prosecute traffickers and dismantle the criminal networks that profit from human trafficking.',
      '2. We resolve to strengthen cooperation between law enforcement agencies to prevent migrant smuggling, to disrupt smuggling routes and to confiscate the proceeds of crime gained by smugglers.',
      '3. We will improve the early identification of victims of trafficking at borders, in workplaces and in shelters, and refer trafficked persons to protection, medical care, legal aid and safe accommodation without making assistance conditional on cooperation with the authorities.',
      '4. We encourage member States to ratify and implement the Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children, and to train front-line officials on victim identification.',
    ],
  },
  {
    file: 'gfmd-remittances-diaspora-report.pdf',
    metadata: { process: 'GFMD', type: 'report', meetingDate: '2022-11-15' },
    title: 'Roundtable Report: Remittances and Diaspora Engagement for Development',
    paragraphs: [
      'This report summarises the roundtable discussion on the role of remittances and diaspora communities in financing sustainable development.',
      '1. Participants noted that remittances sent by migrant workers to their families exceed official development assistance in many countries, and called for lower transfer costs, in line with the target of reducing the transaction costs of migrant remittances to less than 3 per cent.',
      '2. Governments were encouraged to promote faster, safer and cheaper remittance transfers through digital channels and to foster the financial inclusion of migrants and their families.',
      '3. Diaspora organisations contribute knowledge, investment and networks to their countries of origin. Participants recommended diaspora engagement strategies, diaspora bonds and platforms that connect diaspora entrepreneurs with local development projects.',
    ],
  },
  {
    file: 'colombo-process-labour-migration-concept-note.pdf',
    metadata: { process: 'Colombo Process', type: 'concept-note', meetingDate: '2024-03-05' },
    title: 'Concept Note: Fair Recruitment and Decent Work for Migrant Workers',
    paragraphs: [
      'The thematic meeting will address labour migration from the region to countries of destination, with a focus on recruitment practices and working conditions.',
      '1. Migrant workers frequently pay high recruitment fees and related costs to private recruitment agencies, which leaves them in debt. Member States will discuss regulating recruitment agencies and promoting fair and ethical recruitment under the employer-pays principle.',
      '2. The meeting will review measures that protect the labour rights of migrant workers, including written employment contracts, decent working conditions, access to complaint mechanisms and the freedom to change employer.',
      '3. Participants will exchange practices on the recognition of skills and qualifications acquired abroad, and on the portability of social security benefits earned by migrant workers.',
    ],
  },
  {
    file: 'rabat-process-steering-committee-agenda.pdf',
    metadata: { process: 'Rabat Process', type: 'other', meetingDate: '2023-06-20' },
    title: 'Steering Committee Meeting: Provisional Agenda',
    paragraphs: [
      'The meeting will be held at the conference centre from 09:00 to 17:00. Interpretation will be provided in English and French.',
      '1. Opening of the meeting and welcome remarks by the chair.',
      '2. Adoption of the provisional agenda and of the minutes of the previous meeting.',
      '3. Date and venue of the next meeting. Any other business. Closing of the meeting.',
    ],
  },
];

/** Renders a sample as a text PDF (title, then one block per paragraph). */
export function renderSamplePdf(doc: SampleDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pdf = new PDFDocument({ size: 'A4', margin: 72, info: { Title: doc.title } });
    const chunks: Buffer[] = [];
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    pdf.font('Helvetica-Bold').fontSize(14).text(doc.title, { align: 'center' });
    pdf.moveDown(1.5);
    pdf.font('Helvetica').fontSize(11);
    for (const p of doc.paragraphs) {
      pdf.text(p, { align: 'justify' });
      pdf.moveDown(0.8);
    }
    pdf.end();
  });
}
