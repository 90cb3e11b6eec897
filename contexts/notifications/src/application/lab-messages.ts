/**
 * What staff and patients are told about laboratory results. Messages leave for mailboxes and
 * phones outside the hospital, so they carry no value, no test's name and, to staff, nothing that
 * names the patient: the laboratory order's id is how a clinician finds it, behind a login.
 */
export interface Text {
  readonly subject: string;
  readonly body: string;
}

export const criticalResultAlert = (labOrderId: string): Text => ({
  subject: 'Critical laboratory result: call the laboratory',
  body: `Laboratory order ${labOrderId} has a critical result. Call the laboratory to take it and read it back.`,
});

export const correctedReportNotice = (labOrderId: string, reportVersion: number): Text => ({
  subject: 'Corrected laboratory report',
  body: `The report of laboratory order ${labOrderId} was corrected (version ${reportVersion}). Please review it.`,
});

/** To the patient: that there is something to see, and whom to ask; what it says is their clinician's to tell. */
export const resultsAvailableNotice = (corrected: boolean): Text =>
  corrected
    ? {
        subject: 'Your updated test results are available',
        body: 'Updated results of your laboratory tests are available. Please contact the clinic or your clinician about them.',
      }
    : {
        subject: 'Your test results are available',
        body: 'Results of your laboratory tests are available. Please contact the clinic or your clinician about them.',
      };
