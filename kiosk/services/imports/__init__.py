"""Record exports coming in: the contract check, the importer and the rows it writes."""
