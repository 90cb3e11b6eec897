/** Who issues the documents: printed at the head of every invoice and statement. */
export interface ClinicDetails {
  name: string;
  address: readonly string[];
  phone?: string;
  email?: string;
  taxId?: string;
}
