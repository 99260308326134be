package io.leadflow.intake;

/** How senior the contact is; the qualification table scores it. */
public enum RoleLevel {

	EXECUTIVE, MANAGER, PRACTITIONER, OTHER

}
