package io.leadflow.lead;

/** A person at an account, one row per email address. */
public record Contact(String email, String firstName, String lastName, String phone, String title, String roleLevel) {

	public String fullName() {
		return firstName == null ? lastName : firstName + " " + lastName;
	}

}
