import { expect } from 'chai';
import { withLinks, type OpenApiDocument } from './openapi-links.js';

const created = () => ({ responses: { '201': {}, '400': {} } });

describe('OpenAPI links', () => {
  it('links an id a POST creates to every operation that takes it, carrying the ids before it', () => {
    const doc: OpenApiDocument = {
      paths: {
        '/patients': { post: created(), get: { responses: { '200': {} } } },
        '/patients/{patientId}': { get: { responses: { '200': {} } } },
        '/patients/{patientId}/allergies': { post: created() },
        '/patients/{patientId}/allergies/{allergyId}/resolve': { post: { responses: { '200': {} } } },
        '/notifications/{notificationId}/retry': { post: { responses: { '200': {} } } },
      },
    };
    const paths = withLinks(doc).paths ?? {};
    expect(paths['/patients']?.['post']?.responses?.['201']?.links).to.deep.equal({
      getPatientsByPatientId: { operationId: 'getPatientsByPatientId', parameters: { patientId: '$response.body#/patientId' } },
      postPatientsByPatientIdAllergies: {
        operationId: 'postPatientsByPatientIdAllergies',
        parameters: { patientId: '$response.body#/patientId' },
      },
    });
    expect(paths['/patients/{patientId}/allergies']?.['post']?.responses?.['201']?.links).to.deep.equal({
      postPatientsByPatientIdAllergiesByAllergyIdResolve: {
        operationId: 'postPatientsByPatientIdAllergiesByAllergyIdResolve',
        parameters: { allergyId: '$response.body#/allergyId', patientId: '$request.path.patientId' },
      },
    });
    // Nothing creates notifications over the API: no link, and no error.
    expect(paths['/patients']?.['get']?.responses?.['200']?.links).to.equal(undefined);
  });
});
